import ArgumentParser
import Foundation
import RegistryCore
import RegistryService
import RegistrySQLite
import RegistryStore
#if canImport(Glibc)
import Glibc
#endif

/// `yizhao bench snapshot`: snapshot export and verification on a copy of a registry, next to `sqlite3 -csv` of the
/// entities table in the same run (SPEC §9).
struct BenchSnapshot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Time snapshot exports (CSV, NDJSON, both) and verification against sqlite3 -csv of the entities table.")

    @Option(help: "The registry to measure (copied first; the copy's snapshot chain is thrown away).")
    var db: String

    @Option(help: "Runs of each measurement (the median is printed).")
    var runs = 3

    func validate() throws {
        guard FileManager.default.fileExists(atPath: db) else { throw ValidationError("no registry at \(db)") }
        guard (1...20).contains(runs) else { throw ValidationError("--runs must be 1–20.") }
    }

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("yizhao-bench-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let path = scratch.appendingPathComponent("registry.db").path
        // The online backup, not a file copy: the source's WAL may hold committed pages not yet checkpointed.
        try SQLiteRegistryStore.copyRegistry(from: db, to: path)
        let store = try SQLiteRegistryStore(path: path)
        try await store.migrate()
        let exporter = SnapshotExporter(store: store, signer: try LicenseSigner(rawPrivateKey: LicenseSigner.generateRawPrivateKey()),
                                        now: { RegistryClock.now() })
        let actor = Actor(label: "bench", role: "auditor", requestID: nil)
        let entities = try await store.entityCount()
        print("registry\t\(entities) entities")
        print("measurement\tmedian s\truns (s)\trows\tMB")
        var medians: [String: Double] = [:]
        var directory = 0
        /// Times `work` (`cleanup` runs after each timing: deleting hundreds of megabytes is not the export's cost).
        func measure(_ label: String, _ work: () async throws -> (rows: Int, bytes: Int64), cleanup: () -> Void = {}) async throws {
            var times: [Double] = []
            var last = (rows: 0, bytes: Int64(0))
            for _ in 0..<runs {
                let clock = ContinuousClock()
                let started = clock.now
                last = try await work()
                times.append(BenchSearch.milliseconds(clock.now - started) / 1_000)
                cleanup()
            }
            let median = times.sorted()[times.count / 2]
            medians[label] = median
            print(String(format: "%@\t%.3f\t%@\t%d\t%.1f", label, median, times.map { String(format: "%.3f", $0) }.joined(separator: " "),
                         last.rows, Double(last.bytes) / 1_048_576))
        }
        if let sqlite3 = Self.executable("sqlite3") {
            let out = scratch.appendingPathComponent("baseline.csv")
            try await measure("sqlite3 -csv entities (baseline)", {
                try Self.runSQLite3(sqlite3, path, out)
                let size = (try FileManager.default.attributesOfItem(atPath: out.path)[.size] as? NSNumber)?.int64Value ?? 0
                return (entities, size)
            }, cleanup: { try? FileManager.default.removeItem(at: out) })
        } else {
            print("sqlite3 -csv entities (baseline)\tskipped: no sqlite3 on PATH")
        }
        var lastBoth: URL?
        for (label, formats) in [("snapshot CSV (5 files, SHA-256, signed)", [SnapshotFormat.csv]), ("snapshot NDJSON", [.ndjson]),
                                 ("snapshot CSV + NDJSON", SnapshotFormat.allCases)] {
            var out = scratch
            try await measure(label, {
                directory += 1
                out = scratch.appendingPathComponent("s\(directory)")
                let manifest = try await exporter.export(to: out, formats: formats, actor: actor).freshValue.manifest
                return (manifest.files.reduce(0) { $0 + $1.rows }, manifest.files.reduce(0) { $0 + $1.bytes })
            }, cleanup: {
                if formats.count == 2 {
                    if let lastBoth { try? FileManager.default.removeItem(at: lastBoth) }
                    lastBoth = out
                } else {
                    try? FileManager.default.removeItem(at: out)
                }
            })
        }
        if let lastBoth {
            try await measure("snapshot verify (CSV + NDJSON)") {
                let result = SnapshotVerifier.verify(lastBoth)
                guard result.isValid else { throw CommandFailure(message: "verification failed: \(result.problems)") }
                return (result.rows, result.manifest?.files.reduce(0) { $0 + $1.bytes } ?? 0)
            }
        }
        if let baseline = medians["sqlite3 -csv entities (baseline)"], let csv = medians["snapshot CSV (5 files, SHA-256, signed)"] {
            print(String(format: "ratio\tsnapshot CSV of 5 tables / sqlite3 -csv of entities\t%.2f", csv / baseline))
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("max RSS\t\(usage.ru_maxrss / 1024) MB (heap and mapped registry pages)")
    }

    static func executable(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static func runSQLite3(_ sqlite3: String, _ db: String, _ out: URL) throws {
        guard FileManager.default.createFile(atPath: out.path, contents: nil) else { throw CommandFailure(message: "cannot create \(out.path)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite3)
        process.arguments = ["-csv", db, "SELECT * FROM entities"]
        process.standardOutput = try FileHandle(forWritingTo: out)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CommandFailure(message: "sqlite3 failed (\(process.terminationStatus))") }
    }
}
