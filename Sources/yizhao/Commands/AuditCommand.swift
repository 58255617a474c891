import ArgumentParser
import Foundation
import RegistryCore
import RegistryService
import RegistryStore

/// `yizhao audit verify|list`: the hash-chained audit log (SPEC §5).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify or list the hash-chained audit log.",
        subcommands: [Verify.self, List.self, Changes.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-hash the audit log and report the first broken link: exit 0 when intact, 1 when not.",
            discussion: """
                Every entry's hash must match its content and link to the entry before it. With --snapshot, the log must \
                still hold the audit head recorded in that snapshot's signed manifest (entries deleted from the end of the \
                log show only against such a record).
                """)

        @Option(help: "A snapshot directory whose signed manifest records a trusted audit head.")
        var snapshot: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            var trusted: AuditChainHead?
            if let snapshot {
                let verification = SnapshotVerifier.verify(URL(fileURLWithPath: snapshot))
                guard let manifest = verification.manifest, verification.problems.allSatisfy({ $0.file != SnapshotManifest.fileName }) else {
                    throw CommandFailure(message: "\(snapshot): the manifest does not verify: "
                                         + verification.problems.map(\.description).joined(separator: "; "))
                }
                trusted = manifest.auditHead.map { AuditChainHead(sequence: $0.sequence, hash: $0.hash) }
            }
            try await store.withRegistry { try await verify($0, trusted: trusted) }
        }

        func verify<Store: RegistryStore>(_ registry: Store, trusted: AuditChainHead?) async throws {
            let report = try await AuditDesk(store: registry).verifyChain(trustedHead: trusted)
            if let failure = report.firstBreak {
                print("broken\t\(failure.sequence)\t\(failure)")
                print("intact before it: \(report.checked) entries" + (report.head.map { ", last good entry \($0.sequence) \($0.hash)" } ?? ""))
                throw ExitCode(1)
            }
            print("intact\t\(report.checked) entries\thead \(report.head.map { "\($0.sequence) \($0.hash)" } ?? "none (empty log)")")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print audit entries after a sequence number, one JSON object per line.")

        @Option(help: "Print entries after this sequence number.")
        var since: Int64 = 0

        @Option(help: "At most this many entries.")
        var limit = 100

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard since >= 0 else { throw ValidationError("--since must be 0 or more.") }
            guard (1...AuditJSON.pageLimit).contains(limit) else {
                throw ValidationError("--limit must be 1–\(AuditJSON.pageLimit).")
            }
        }

        func run() async throws {
            try await store.withRegistry { try await list($0) }
        }

        func list<Store: RegistryStore>(_ registry: Store) async throws {
            for entry in try await AuditDesk(store: registry).entries(after: since, limit: limit) {
                print(AuditJSON.line(entry))
            }
        }
    }

    struct Changes: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the change feed after a sequence number, one JSON object per line (old and new values).")

        @Option(help: "Print changes after this sequence number.")
        var since: Int64 = 0

        @Option(help: "At most this many changes.")
        var limit = 100

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard since >= 0 else { throw ValidationError("--since must be 0 or more.") }
            guard (1...AuditJSON.pageLimit).contains(limit) else { throw ValidationError("--limit must be 1–\(AuditJSON.pageLimit).") }
        }

        func run() async throws {
            try await store.withRegistry { try await list($0) }
        }

        func list<Store: RegistryStore>(_ registry: Store) async throws {
            for change in try await AuditDesk(store: registry).changes(after: since, limit: limit) {
                print(AuditJSON.line(change))
            }
        }
    }
}
