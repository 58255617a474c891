import ArgumentParser
import Foundation
import RegistryCore
import RegistryService
import RegistrySQLite
import RegistryStore

/// `yizhao bench seed`: `yizhao seed` into a fresh file, next to SPEC §9's floor (raw load + FTS build) of the
/// same rows measured in the same run, alternating, so the ratio holds on a busy machine.
struct BenchSeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Time `yizhao seed` against a raw load of the same rows with an FTS5 trigram index (SPEC §9's floor).",
        discussion: """
            Each run loads the raw floor into one new file and seeds another, in turn; the files are removed after each \
            run. The floor's entities are generated before its clock starts; the seed generates its own on a second \
            thread while it loads, as `yizhao seed` does.
            """)

    @Option(help: "How many entities (Changsha's registry has about 303,700).")
    var entities = 303_700

    @Option(help: "Random seed of the synthetic registry.")
    var seed: UInt64 = 1

    @Option(help: "Runs of each measurement, alternating (the median is printed).")
    var runs = 3

    @Option(help: "Folder for the scratch files (default: the system's temporary folder).")
    var dir: String?

    /// SPEC §9: seeding 303,700 entities in ≤ 20 s, against a raw load + FTS build of ≈ 5.5 s measured here.
    static let target = (seconds: 20.0, floorSeconds: 5.5)

    func validate() throws {
        guard (1...5_000_000).contains(entities) else { throw ValidationError("--entities must be 1–5,000,000, not \(entities).") }
        guard (1...20).contains(runs) else { throw ValidationError("--runs must be 1–20.") }
        if let dir, !FileManager.default.fileExists(atPath: dir) { throw ValidationError("no folder at \(dir)") }
    }

    func run() async throws {
        let parent = dir.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory
        let scratch = parent.appendingPathComponent("yizhao-bench-seed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let today = RegistryClock.today()
        let dossiers = SyntheticRegistry(count: entities, seed: seed, today: today).dossiers(0..<entities)
        print("entities\t\(entities)\tseed \(seed)\t\(scratch.path)")
        print("run\traw load + FTS s\tyizhao seed s\tratio\traw MiB\tseed MiB")
        var raw: [Double] = []
        var full: [Double] = []
        for run in 1...runs {
            let rawPath = scratch.appendingPathComponent("raw.db").path
            let seedPath = scratch.appendingPathComponent("seed.db").path
            raw.append(try SQLiteBenchmarkSupport.rawLoad(dossiers, into: rawPath))
            let clock = ContinuousClock()
            let started = clock.now
            let store = try SQLiteRegistryStore(path: seedPath)
            try await store.migrate()
            try await RegistrySeeder(store: store).seed(count: entities, seed: seed, today: today)
            await store.close()
            full.append(BenchSearch.milliseconds(clock.now - started) / 1_000)
            print(String(format: "%d\t%.2f\t%.2f\t%.2f\t%d\t%d", run, raw[run - 1], full[run - 1], full[run - 1] / raw[run - 1],
                         Self.mebibytes(rawPath), Self.mebibytes(seedPath)))
            Self.remove(rawPath)
            Self.remove(seedPath)
        }
        let rawMedian = raw.sorted()[runs / 2]
        let fullMedian = full.sorted()[runs / 2]
        print(String(format: "median\t%.2f\t%.2f\t%.2f", rawMedian, fullMedian, fullMedian / rawMedian))
        print(String(format: "target\tseed ≤ %.0f s where the floor takes %.1f s: a ratio ≤ %.2f",
                     Self.target.seconds, Self.target.floorSeconds, Self.target.seconds / Self.target.floorSeconds))
    }

    private static func mebibytes(_ path: String) -> Int {
        let files = [path, path + "-wal"].compactMap { try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int }
        return files.reduce(0, +) / 1_048_576
    }

    private static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
