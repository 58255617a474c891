import ArgumentParser
import Foundation
import RegistryCore
import RegistryPostgres
import RegistrySQLite
import RegistryStore

/// `yizhao bench postgres`: the PostgreSQL backend next to the SQLite one, in the same run — search on the same
/// registry held by both, and durable registrations with concurrent clients on fresh registries of both.
struct BenchPostgres: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postgres",
        abstract: "Measure PostgreSQL search and registrations beside SQLite's, in the same run.",
        discussion: """
            --postgres names a PostgreSQL registry and --db the same registry on SQLite (e.g. `yizhao seed --db SEED.db` then \
            `yizhao migrate-data --from SEED.db --to URL`). Search: the same random 2–6-character substrings of current names \
            on both, first page of 20 with totals, next to pg_trgm alone (the first 20 documents containing the query, no \
            ranking or totals). Registrations: --applications applications accepted and approved twice (not timed), then \
            completed by --clients concurrent reviewers, on an empty SQLite file (group commit) and on a scratch PostgreSQL \
            database created beside --postgres and dropped afterwards (one transaction per registration, concurrent).
            """
    )

    @Option(name: .customLong("postgres"), help: "The PostgreSQL registry (its role may create databases).")
    var postgres: String

    @Option(name: .customLong("db"), help: "The same registry on SQLite.")
    var path: String

    @Option(help: "Queries per length (0 skips search).")
    var queries = 1_000

    @Option(help: "Registrations per backend (0 skips registrations).")
    var applications = 2_000

    @Option(help: "Concurrent reviewing clients.")
    var clients = 8

    @Option(help: "Random seed of the query sample.")
    var seed: UInt64 = 7

    @Flag(help: "Print the five slowest PostgreSQL queries of each length.")
    var showSlowest = false

    func run() async throws {
        let postgresStore = try PostgresRegistryStore(url: postgres)
        try await postgresStore.migrate()
        let sqliteStore = try SQLiteRegistryStore(path: path, searchCacheCapacity: 0)
        try await sqliteStore.migrate()
        let support = PostgresBenchmarkSupport(store: postgresStore)
        if queries > 0 { try await search(postgresStore, sqliteStore, support: support) }
        if applications > 0 { try await registrations(support: support) }
        await postgresStore.shutdown()
    }

    func search(_ postgresStore: PostgresRegistryStore, _ sqliteStore: SQLiteRegistryStore, support: PostgresBenchmarkSupport) async throws {
        let counts = (try await postgresStore.entityCount(), try await sqliteStore.entityCount())
        print("search\tPostgreSQL \(counts.0) entities\tSQLite \(counts.1) entities")
        print("length\tpg p50 ms\tpg p99 ms\tsqlite p50 ms\tsqlite p99 ms\tpg_trgm alone p50 ms\tpg_trgm alone p99 ms\tpg p99 / pg_trgm p99\tmean hits")
        let sampler = SQLiteBenchmarkSupport(store: sqliteStore)
        let clock = ContinuousClock()
        for length in 2...6 {
            let sample = try await sampler.sampleQueries(count: queries, length: length, seed: seed &+ UInt64(length))
            for query in sample.prefix(100) {  // warm both caches
                _ = try await postgresStore.search(try SearchQuery(text: query))
                _ = try await sqliteStore.search(try SearchQuery(text: query))
                _ = try await support.rawTrigramFirstPage(query)
            }
            var times: (pg: [Double], sqlite: [Double], raw: [Double]) = ([], [], [])
            var hits = 0
            for query in sample {
                let parsed = try SearchQuery(text: query)
                var started = clock.now
                hits += try await postgresStore.search(parsed).hits.count
                times.pg.append(BenchSearch.milliseconds(clock.now - started))
                started = clock.now
                _ = try await sqliteStore.search(parsed)
                times.sqlite.append(BenchSearch.milliseconds(clock.now - started))
                started = clock.now
                _ = try await support.rawTrigramFirstPage(query)
                times.raw.append(BenchSearch.milliseconds(clock.now - started))
            }
            if showSlowest {
                for (query, time) in zip(sample, times.pg).sorted(by: { $0.1 > $1.1 }).prefix(5) { print(String(format: "  slow\t%@\t%.3f ms", query, time)) }
            }
            let pg = BenchSearch.percentiles(times.pg)
            let sqlite = BenchSearch.percentiles(times.sqlite)
            let raw = BenchSearch.percentiles(times.raw)
            print(String(format: "%d\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t%.1f", length, pg.0, pg.1, sqlite.0, sqlite.1, raw.0, raw.1,
                         pg.1 / max(raw.1, 0.000_001), Double(hits) / Double(sample.count)))
        }
    }

    func registrations(support: PostgresBenchmarkSupport) async throws {
        print("registrations\tbackend\tclients\tcompleted\tseconds\tregistrations/s\tp50 ms\tp99 ms\tCPU s (this process)\tjobs/group\twriter busy %")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yizhao-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = UInt64(Date().timeIntervalSince1970) &* 7_919
        let sqlite = try SQLiteRegistryStore(path: directory.appendingPathComponent("registry.db").path)
        try await sqlite.migrate()
        let sqliteSupport = SQLiteBenchmarkSupport(store: sqlite)
        let sqliteRate = try await BenchRegistrations.measure(sqlite, label: "SQLite, group commit", applications: applications, clients: clients,
                                                              run: run, writer: { sqliteSupport.writerStatistics })
        let scratch = "yizhao_bench_registrations"
        let location = try await support.scratchDatabase(scratch)
        let postgres = PostgresRegistryStore(location: location, connections: max(clients * 2, 8))
        try await postgres.migrate()
        let postgresRate = try await BenchRegistrations.measure(postgres, label: "PostgreSQL", applications: applications, clients: clients,
                                                                run: run &+ 1)
        await postgres.shutdown()
        try await support.dropDatabase(scratch)
        print(String(format: "ratio\tPostgreSQL / SQLite\t%.2f", postgresRate / max(sqliteRate, 0.001)))
    }
}
