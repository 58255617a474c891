import Foundation
import RegistryCore
import RegistryStore
import Synchronization

/// Snapshots taken through the service (`POST /v1/snapshots`): each is written under `root/<number>/`, one at a
/// time, and served from there to auditors.
public final class SnapshotDesk<Store: RegistryStore>: Sendable {
    /// The exporter.
    public let exporter: SnapshotExporter<Store>
    /// Where snapshots are kept.
    public let root: URL
    private let busy = Mutex(false)

    /// A desk writing under `root` (created when the first snapshot is taken).
    public init(exporter: SnapshotExporter<Store>, root: URL) {
        self.exporter = exporter
        self.root = root
    }

    /// Takes a snapshot; refused while another one is being taken, and with personal IDs unless `privileges`
    /// include `personal-ids`.
    public func take(formats: [SnapshotFormat], includePersonalIDs: Bool, privileges: Set<Privilege>, actor: Actor,
                     idempotency: SnapshotExporter<Store>.Idempotency?) async throws -> Replayable<SnapshotExporter<Store>.Exported> {
        if includePersonalIDs && !privileges.contains(.personalIDs) { throw SnapshotRefusal.privilegeRequired }
        guard busy.withLock({ taken in
            if taken { return false }
            taken = true
            return true
        }) else { throw SnapshotRefusal.busy }
        defer { busy.withLock { $0 = false } }
        let incoming = root.appendingPathComponent(".incoming-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: incoming) }
        let result = try await exporter.export(to: incoming, formats: formats, includePersonalIDs: includePersonalIDs, actor: actor,
                                               idempotency: idempotency)
        guard case .fresh(var exported) = result else { return result }
        let final = directory(of: exported.manifest.snapshot)
        do {
            try FileManager.default.moveItem(at: incoming, to: final)
        } catch {
            throw SnapshotError.io("snapshot \(exported.manifest.snapshot) was recorded but could not be moved to \(final.path): \(error)")
        }
        exported.directory = final
        return .fresh(exported)
    }

    /// The directory of snapshot `number`.
    public func directory(of number: Int64) -> URL { root.appendingPathComponent(String(number)) }

    /// The recorded snapshots, newest first, and whether each one's files are on this server.
    public func list(limit: Int) async throws(StoreError) -> [(record: SnapshotRecord, available: Bool)] {
        try await exporter.store.snapshotRecords(limit: limit).map { record in
            (record, FileManager.default.fileExists(atPath: directory(of: record.number).appendingPathComponent(SnapshotManifest.fileName).path))
        }
    }

    /// The path of file `name` of snapshot `number`: `manifest.json` or a file its manifest lists.
    public func file(_ name: String, of number: Int64) throws -> String {
        let directory = directory(of: number)
        guard let bytes = FileManager.default.contents(atPath: directory.appendingPathComponent(SnapshotManifest.fileName).path),
              let manifest = try? JSONDecoder().decode(SnapshotManifest.self, from: bytes) else {
            throw SnapshotRefusal.notFound("snapshot \(number) is not on this server")
        }
        guard name == SnapshotManifest.fileName || manifest.files.contains(where: { $0.name == name }) else {
            throw SnapshotRefusal.notFound("snapshot \(number) has no file \(name); its files are listed in its manifest")
        }
        return directory.appendingPathComponent(name).path
    }
}

/// Why the snapshot desk refused.
public enum SnapshotRefusal: Error, Sendable, Equatable {
    /// Another snapshot is being taken.
    case busy
    /// The token lacks the `personal-ids` privilege.
    case privilegeRequired
    /// No such snapshot (or its files are not on this server).
    case notFound(String)
}
