import ArgumentParser
import Foundation
import RegistryCore
import RegistryService
import RegistrySQLite
import RegistryStore

/// `yizhao snapshot export|verify`: consistent, signed registry snapshots (SPEC §5), docs/snapshots.md.
struct SnapshotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Export a signed, consistent snapshot of the registry, or verify one offline.",
        subcommands: [Export.self, Verify.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export entities, licenses, tax and statistics registrations and name history with a signed manifest.",
            discussion: """
                The files are read in one transaction while the service keeps writing; the manifest records the change-feed \
                sequence number they are as of, per-file row counts and SHA-256, the previous snapshot's manifest hash and an \
                Ed25519 signature. Personal ID numbers are masked unless --include-personal-ids is given. The export is \
                recorded in the audit log.
                """)

        @Option(help: "The directory to write (created; it must not exist or be empty).")
        var out: String

        @Option(help: "csv, ndjson or both.")
        var format = "both"

        @Flag(help: "Write personal ID numbers unmasked (an operator at the shell holds this privilege; it is audited).")
        var includePersonalIDs = false

        @Option(help: "The registry's key file. Default: the database path + .key.")
        var key: String?

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard ["csv", "ndjson", "both"].contains(format) else { throw ValidationError("--format must be csv, ndjson or both, not “\(format)”.") }
        }

        func run() async throws {
            try await store.withRegistry { try await export($0) }
        }

        func export<Store: RegistryStore>(_ registry: Store) async throws {
            let signer = try RegistryKeyFile.signer(at: key ?? RegistryKeyFile.defaultPath(forDatabase: store.sidecarBase), create: true)
            let formats = format == "both" ? SnapshotFormat.allCases : [SnapshotFormat(rawValue: format)!]
            let bar = ProgressBar(total: 1, label: "snapshot")
            let exporter = SnapshotExporter(store: registry, signer: signer, now: { RegistryClock.now() })
            let exported: SnapshotExporter<Store>.Exported
            do {
                exported = try await exporter.export(
                    to: URL(fileURLWithPath: out), formats: formats, includePersonalIDs: includePersonalIDs,
                    actor: Actor(label: "cli", role: "auditor", requestID: nil),
                    progress: { done, total in bar.update(done, of: total) }).freshValue
            } catch {
                bar.finish()
                throw CommandFailure(message: "snapshot not taken: \(error)")
            }
            let manifest = exported.manifest
            print("snapshot \(manifest.snapshot) as of change \(manifest.sequence): \(manifest.files.count) files, "
                  + "\(manifest.files.reduce(0) { $0 + $1.rows }) rows, personal IDs \(manifest.personalIDs.masked ? "masked" : "included")")
            print("manifest sha256 \(exported.manifestSHA256)")
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a snapshot directory offline: exit 0 when every check holds, 1 when any fails (each named).",
            discussion: """
                Checks the manifest's canonical form and Ed25519 signature, each file's size, SHA-256, row count and header, \
                files not listed, and with --previous the link to the previous snapshot. Needs nothing but the directory \
                (and the key, when you do not trust the one the manifest carries).
                """)

        @Argument(help: "The snapshot directory.")
        var directory: String

        @Option(help: "The previous snapshot's directory: check the chain link to it.")
        var previous: String?

        @Option(help: "The registry's public key (base64) to trust instead of the one in the manifest.")
        var key: String?

        func run() async throws {
            let result = SnapshotVerifier.verify(URL(fileURLWithPath: directory), previous: previous.map { URL(fileURLWithPath: $0) },
                                                 trustedKey: key)
            for problem in result.problems { print("FAIL\t\(problem.file)\t\(problem.check)\t\(problem.detail)") }
            guard result.isValid, let manifest = result.manifest else {
                FileOutput.standardError.write("yizhao: snapshot \(directory) does not verify (\(result.problems.count) problems)\n")
                throw ExitCode(1)
            }
            print("OK\tsnapshot \(manifest.snapshot) as of change \(manifest.sequence): \(manifest.files.count) files, \(result.rows) rows; "
                  + "signature valid (key \(manifest.publicKey))" + (previous == nil ? "" : "; chained to \(previous!)"))
        }
    }
}
