import ArgumentParser
import Foundation
import RegistryCore
import RegistrySQLite

/// `yizhao bench search`: search latency on a registry, next to a raw FTS5 baseline in the same run.
struct BenchSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Measure first-page search latency (2–6 characters) against raw FTS5 on the same database."
    )

    @Option(help: "Queries per length.")
    var queries = 1_000

    @Option(help: "Random seed for the query sample.")
    var seed: UInt64 = 42

    @Flag(help: "Also print the five slowest queries of each length.")
    var showSlowest = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        // The page cache is off: every query is measured cold (a repeated query would be a lookup).
        let registry = try await store.openSQLite(searchCacheCapacity: 0, command: "bench search")
        let support = SQLiteBenchmarkSupport(store: registry)
        let count = try await registry.entityCount()
        print("registry\t\(count) entities\t\(store.path)")
        print("length\tyizhao p50 ms\tyizhao p99 ms\traw FTS5 p50 ms\traw FTS5 p99 ms\tp50 ratio\tmean hits\testimated totals")
        for length in 2...6 {
            let sample = try await support.sampleQueries(count: queries, length: length, seed: seed &+ UInt64(length))
            // Warm up the page cache with one pass of each.
            for query in sample.prefix(100) {
                _ = try await registry.search(try SearchQuery(text: query))
                _ = try support.rawFirstPage(query)
            }
            var ours: [Double] = []
            var raw: [Double] = []
            var hits = 0
            var estimated = 0
            let clock = ContinuousClock()
            for query in sample {
                let parsed = try SearchQuery(text: query)
                let started = clock.now
                let page = try await registry.search(parsed)
                ours.append(Self.milliseconds(clock.now - started))
                hits += page.hits.count
                if page.totalIsEstimate { estimated += 1 }
                let rawStarted = clock.now
                _ = try support.rawFirstPage(query)
                raw.append(Self.milliseconds(clock.now - rawStarted))
            }
            if showSlowest {
                for (query, time) in zip(sample, ours).sorted(by: { $0.1 > $1.1 }).prefix(5) {
                    print(String(format: "  slow\t%@\t%.3f ms", query, time))
                }
            }
            let (p50, p99) = Self.percentiles(ours)
            let (r50, r99) = Self.percentiles(raw)
            print(String(format: "%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.1f\t%.1f\t%d", length, p50, p99, r50, r99, p50 / max(r50, 0.000_001),
                         Double(hits) / Double(sample.count), estimated))
        }
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1_000 + Double(duration.components.attoseconds) / 1e15
    }

    static func percentiles(_ values: [Double]) -> (Double, Double) {
        let sorted = values.sorted()
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))])
    }
}
