import Foundation
import RegistryCore
import RegistryStore
import Synchronization

/// Takes signed, consistent snapshots (SPEC §5): every file is written inside one read transaction of the store
/// while writes go on, then the manifest is signed and the snapshot is appended to the registry's chain.
public struct SnapshotExporter<Store: RegistryStore>: Sendable {
    /// The registry.
    public let store: Store
    /// The registry's key (signs manifests).
    public let signer: LicenseSigner
    /// The clock.
    public let now: @Sendable () -> Instant

    /// Creates an exporter.
    public init(store: Store, signer: LicenseSigner, now: @escaping @Sendable () -> Instant) {
        self.store = store
        self.signer = signer
        self.now = now
    }

    /// What an export produced.
    public struct Exported: Sendable {
        /// The signed manifest.
        public var manifest: SnapshotManifest
        /// Hex SHA-256 of manifest.json.
        public var manifestSHA256: String
        /// The directory.
        public var directory: URL
    }

    /// An idempotency key for an export, and how its reply is rendered from what was exported.
    public struct Idempotency: Sendable {
        /// The key.
        public var key: IdempotencyKey
        /// The reply to record with the snapshot.
        public var render: @Sendable (Exported) throws -> RecordedReply

        /// Creates the pair.
        public init(key: IdempotencyKey, render: @escaping @Sendable (Exported) throws -> RecordedReply) {
            self.key = key
            self.render = render
        }
    }

    /// Exports into `directory` (created; it must not exist or be empty) the tables in `formats`, personal IDs
    /// masked unless `includePersonalIDs`; `progress(done, total)` gets row counts as files are written.
    /// Audited as `snapshot.export` by `actor`. On failure, or when `idempotency`'s key was used before (its
    /// first reply is returned), the files written are removed.
    public func export(to directory: URL, formats: [SnapshotFormat] = SnapshotFormat.allCases, includePersonalIDs: Bool = false,
                       actor: Actor, idempotency: Idempotency? = nil,
                       progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) async throws(SnapshotError) -> Replayable<Exported> {
        guard !formats.isEmpty else { throw .noFormat }
        if let idempotency {
            do {
                if let reply = try await store.recordedReply(idempotency.key) { return .replayed(reply) }
            } catch {
                throw .store(error)
            }
        }
        try Self.prepare(directory)
        do {
            let exported = try await write(into: directory, formats: formats, includePersonalIDs: includePersonalIDs, actor: actor,
                                           idempotency: idempotency, progress: progress)
            if case .replayed = exported { Self.removeContents(of: directory) }
            return exported
        } catch {
            Self.removeContents(of: directory)
            throw error
        }
    }

    private func write(into directory: URL, formats: [SnapshotFormat], includePersonalIDs: Bool, actor: Actor, idempotency: Idempotency?,
                       progress: @escaping @Sendable (Int, Int) -> Void) async throws(SnapshotError) -> Replayable<Exported> {
        let masked = !includePersonalIDs
        // Two readers on the same committed point share the tables (this machine has two cores).
        let queue = Mutex(Self.tableOrder)
        // (rows done, rows in all tables): the first part counts the tables once, for progress and the final check.
        let progressed = Mutex((done: 0, total: 0))
        let report: @Sendable (Int) -> Void = { rows in
            let (done, total) = progressed.withLock { state in
                state.done += rows
                return (state.done, state.total)
            }
            if total > 0 { progress(done, total) }
        }
        let parts: [Result<(SnapshotHead, [SnapshotTable: Int], [SnapshotFile]), SnapshotError>]
        do {
            parts = try await store.withSnapshot(parts: 2) { part, source in
                Result { () throws(SnapshotError) in
                    var counts: [SnapshotTable: Int] = [:]
                    if part == 0 {
                        do { counts = try source.rowCounts() } catch { throw .store(error as? StoreError ?? .backend("\(error)")) }
                        let total = counts.values.reduce(0, +)
                        progressed.withLock { $0.total = total }
                    }
                    var files: [SnapshotFile] = []
                    while let table = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) {
                        files += try Self.write(table, from: source, into: directory, formats: formats, masked: masked, progress: report)
                    }
                    return (source.head, counts, files)
                }
            }
        } catch {
            throw .store(error)
        }
        var results: [(SnapshotHead, [SnapshotTable: Int], [SnapshotFile])] = []
        for part in parts { results.append(try part.get()) }
        let head = results[0].0
        guard results.allSatisfy({ $0.0 == head }) else { throw .io("the snapshot's readers saw different registry states") }
        // Every table yields as many rows as it holds in the transaction (the joins drop no orphan).
        let counts = results[0].1
        for result in results {
            for file in result.2 where file.rows != counts[file.table] ?? 0 {
                throw .rowCountMismatch(table: file.table.rawValue, written: file.rows, expected: counts[file.table] ?? 0)
            }
        }
        let order = Dictionary(uniqueKeysWithValues: SnapshotTable.allCases.enumerated().map { ($1, $0) })
        let files = results.flatMap(\.2).sorted { (order[$0.table]!, $0.format.rawValue) < (order[$1.table]!, $1.format.rawValue) }
        let takenAt = now()
        var manifest = SnapshotManifest(
            snapshot: (head.lastSnapshot?.number ?? 0) + 1, sequence: head.sequence, takenAt: takenAt.description,
            auditHead: head.audit.map { AuditHeadRecord(sequence: $0.sequence, hash: $0.hash) }, files: files,
            personalIDs: PersonalIDPolicy(masked: masked), previousManifestSHA256: head.lastSnapshot?.manifestSHA256,
            publicKey: signer.publicKeyBase64, signature: nil)
        let manifestBytes: Data
        do {
            manifest.signature = try signer.sign(try CanonicalJSON.encode(manifest.unsigned))
            manifestBytes = try CanonicalJSON.encode(manifest) + Data([10])
            try manifestBytes.write(to: directory.appendingPathComponent(SnapshotManifest.fileName), options: .atomic)
        } catch {
            throw .io("cannot write the manifest: \(error)")
        }
        let sha = Fingerprint.sha256Hex(manifestBytes)
        let record = SnapshotRecord(number: manifest.snapshot, sequence: manifest.sequence, takenAt: takenAt, manifestSHA256: sha,
                                    previousSHA256: manifest.previousManifestSHA256)
        let exported = Exported(manifest: manifest, manifestSHA256: sha, directory: directory)
        let recorded: Replayable<SnapshotRecord>
        do {
            recorded = try await store.recordSnapshot(
                record, actor: actor, action: masked ? "snapshot.export" : "snapshot.export+personal-ids",
                idempotency: idempotency.map { idempotency in Idempotent(key: idempotency.key) { _ in try idempotency.render(exported) } })
        } catch {
            throw .store(error)
        }
        switch recorded {
        case .fresh: return .fresh(exported)
        case .replayed(let reply): return .replayed(reply)
        }
    }

    /// The order in which the readers take tables. On the 303,700 seed the tables cost about entities 0.85 s,
    /// licenses 0.75, tax 0.56, names 0.38, statistics 0.27 (per-row lookups weigh more than bytes); taken in this
    /// order, two readers end within a few percent of each other (entities + tax, licenses + names + statistics).
    static var tableOrder: [SnapshotTable] { [.entities, .licenses, .names, .tax, .statistics, .decisions, .abnormalListings, .notices] }

    /// Writes one table in every format in one pass.
    static func write(_ table: SnapshotTable, from source: any SnapshotSource, into directory: URL, formats: [SnapshotFormat], masked: Bool,
                      progress: @escaping @Sendable (Int) -> Void) throws(SnapshotError) -> [SnapshotFile] {
        let writers = try formats.map { format throws(SnapshotError) in
            try SnapshotFileWriter(directory: directory, name: SnapshotFile.name(of: table, format: format))
        }
        let encoders = zip(formats, writers).map { format, writer in
            SnapshotEncoder(table: table, format: format, masksPersonalIDs: masked, drain: writer.write)
        }
        let tee = SnapshotTee(encoders[0], encoders.count > 1 ? encoders[1] : nil, progress: progress)
        do {
            try source.rows(of: table, into: tee)
            for encoder in encoders { try encoder.flush() }
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .io("cannot write \(table.rawValue): \(error)")
        }
        tee.finish()
        var files: [SnapshotFile] = []
        for (format, (writer, encoder)) in zip(formats, zip(writers, encoders)) {
            let sha: String
            do { sha = try writer.finish() } catch { throw .io("cannot finish \(writer.name): \(error)") }
            files.append(SnapshotFile(name: writer.name, table: table, format: format, rows: encoder.rows, bytes: writer.bytes, sha256: sha))
        }
        return files
    }

    static func prepare(_ directory: URL) throws(SnapshotError) {
        let manager = FileManager.default
        if let contents = try? manager.contentsOfDirectory(atPath: directory.path) {
            guard contents.isEmpty else { throw .outputNotEmpty(directory.path) }
            return
        }
        guard !manager.fileExists(atPath: directory.path) else { throw .outputNotEmpty(directory.path) }
        do {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .io("cannot create \(directory.path): \(error)")
        }
    }

    static func removeContents(of directory: URL) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] {
            try? manager.removeItem(at: directory.appendingPathComponent(name))
        }
    }
}

extension SnapshotManifest {
    /// `manifest.json`.
    public static let fileName = "manifest.json"
}
