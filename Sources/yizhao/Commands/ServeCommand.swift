import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus
import RegistryCore
import RegistryHTTP
import RegistryService
import RegistryPostgres
import RegistrySQLite
import RegistryStore

/// `yizhao serve`: the HTTP service.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP service until SIGINT or SIGTERM, then finish in-flight requests and exit."
    )

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind (0 picks a free port and logs it).")
    var port = 8080

    @Option(help: "Largest accepted request body, in bytes.")
    var maxBodyBytes = 256 * 1024

    @Option(help: "Seed an empty registry with this many synthetic entities before serving (0: don't).")
    var seed = 0

    @Option(help: "Search pages kept between writes (0 disables the cache).")
    var searchCache = 4_096

    /// Milliseconds between the search index's batches by default.
    static let defaultSearchIndexInterval = 50

    @Option(help: ArgumentHelp(
        "SQLite: milliseconds between the search index's batches (0: each registration indexes itself in its own transaction).",
        discussion: """
            Registrations, changes and deregistrations queue their search entries in their own transaction; the server \
            indexes what is queued in one batch this often, so search shows a new name by prefix or substring that much \
            later (the registration itself, its code, its license, its whole name and its 字号 are visible at once).
            """))
    var searchIndexInterval = defaultSearchIndexInterval

    @Option(help: "Public API requests per second per client, on average (0: no limit).")
    var rateLimit = 20.0

    @Option(help: "Public API requests a client may make at once.")
    var rateBurst = 40

    @Flag(help: "Identify clients by the first X-Forwarded-For address (only behind a trusted proxy).")
    var trustForwardedFor = false

    @Option(help: "The registry's Ed25519 key file (created with mode 0600 on first start). Default: the database path + .key.")
    var key: String?

    @Option(help: "Holiday calendar for deadlines: one ISO date per line, '+DATE' for a weekend made a working day (调休), '#' comments.")
    var holidays: String?

    @Option(help: "Where snapshots taken over HTTP (POST /v1/snapshots) are written and served from. Default: the database path + .snapshots.")
    var snapshots: String?

    @OptionGroup var store: StoreOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0–65535, not \(port).") }
        guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be positive.") }
        guard searchCache >= 0 else { throw ValidationError("--search-cache must be 0 or more.") }
        guard (0...60_000).contains(searchIndexInterval) else { throw ValidationError("--search-index-interval must be 0–60,000 ms, not \(searchIndexInterval).") }
        guard (0...5_000_000).contains(seed) else { throw ValidationError("--seed must be 0–5,000,000, not \(seed).") }
        guard rateLimit >= 0, rateLimit.isFinite else { throw ValidationError("--rate-limit must be 0 or more.") }
        guard rateBurst >= 1 else { throw ValidationError("--rate-burst must be at least 1.") }
    }

    func run() async throws {
        logging.bootstrap()
        let logger = Logger(label: "yizhao")
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        try await store.withRegistry(searchCacheCapacity: searchCache, searchIndexing: searchIndexInterval > 0 ? .batched : .withEachWrite) {
            try await serve($0, metrics: metrics, logger: logger)
        }
        logger.notice("stopped")
    }

    func serve<Store: RegistryStore>(_ registry: Store, metrics: PrometheusCollectorRegistry, logger: Logger) async throws {
        let existing = try await registry.entityCount()
        if seed > 0 {
            if existing == 0 {
                logger.notice("seeding an empty registry", metadata: ["entities": "\(seed)", "registry": "\(store.label)"])
                try await SeedCommand.seed(registry, entities: seed, seed: 1, force: false)
            } else {
                logger.notice("registry already populated; --seed ignored", metadata: ["entities": "\(existing)"])
            }
        }
        let calendar = try Self.calendar(holidays)
        let signer = try RegistryKeyFile.signer(at: key ?? RegistryKeyFile.defaultPath(forDatabase: store.sidecarBase), create: true)
        let started = ContinuousClock.now
        let limiter = rateLimit > 0 ? ClientRateLimiter(perSecond: rateLimit, burst: rateBurst, now: {
            let elapsed = ContinuousClock.now - started
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }) : nil
        let settings = HTTPSettings(host: host, port: port, maxBodyBytes: maxBodyBytes, rateLimiter: limiter,
                                    trustForwardedFor: trustForwardedFor)
        let app = HTTPServer.application(
            settings: settings,
            dependencies: HTTPDependencies(store: registry, now: { RegistryClock.now() }, calendar: calendar, signer: signer,
                                           snapshotDirectory: URL(fileURLWithPath: snapshots ?? store.sidecarBase + ".snapshots"),
                                           metrics: metrics, readiness: { await Self.isReady(registry) }),
            logger: logger,
            onServerRunning: { port in
                logger.notice("listening", metadata: ["url": "http://\(settings.host):\(port)"])
            }
        )
        // PostgreSQL: number the change feed and chain the audit log in the background as well as on reads.
        let sequencer = (registry as? PostgresRegistryStore).map { store in Task { await store.sequenceContinually() } }
        defer { sequencer?.cancel() }
        // Suspensions (歇业) end by themselves when their period is over: at start, at each midnight in China (the day
        // after a period's last day, 存续 again), and at least hourly between (a sweep that failed is retried).
        let registrar = Registrar(store: registry, now: { RegistryClock.now() }, calendar: calendar)
        let resumer = Task {
            while !Task.isCancelled {
                do {
                    let resumed = try await registrar.resumeExpiredSuspensions()
                    if !resumed.isEmpty {
                        logger.notice("suspensions ended", metadata: ["entities": "\(resumed.count)", "codes": "\(resumed.prefix(20).map(\.rawValue))"])
                    }
                } catch {
                    logger.error("ending expired suspensions failed", metadata: ["error": "\(error)"])
                }
                let now = RegistryClock.now()
                let untilMidnight = now.startOfNextChinaDay.millisecondsSinceEpoch - now.millisecondsSinceEpoch + 1_000
                try? await Task.sleep(for: .milliseconds(min(3_600_000, untilMidnight)))
            }
        }
        defer { resumer.cancel() }
        // SQLite: each write adds small segments to the search indexes, and every segment slows every query a little.
        // Merge them back at start and every 15 minutes (a step or two when nothing was written).
        let merger = (registry as? SQLiteRegistryStore).map { store in
            Task {
                while !Task.isCancelled {
                    do {
                        let steps = try await store.mergeSearchSegments()
                        if steps > 0 { logger.info("search index segments merged", metadata: ["steps": "\(steps)"]) }
                    } catch {
                        logger.error("merging search index segments failed", metadata: ["error": "\(error)"])
                    }
                    try? await Task.sleep(for: .seconds(900))
                }
            }
        }
        defer { merger?.cancel() }
        // SQLite with batched search indexing: take in what registrations queued for the index, every interval.
        let indexer = (registry as? SQLiteRegistryStore).flatMap { store in
            store.searchIndexing == .batched ? Task {
                let (backlog, indexed) = (Gauge(label: "yizhao_search_index_backlog"), Counter(label: "yizhao_search_entries_indexed_total"))
                await store.indexSearchContinually(interval: .milliseconds(searchIndexInterval), observe: { queued, done in
                    backlog.record(queued - done)
                    if done > 0 { indexed.increment(by: done) }
                }, failed: { error in
                    logger.error("indexing queued search entries failed", metadata: ["error": "\(error)"])
                })
            } : nil
        }
        defer { indexer?.cancel() }
        try await app.runService()
        merger?.cancel()
        indexer?.cancel()
        await merger?.value  // a step in progress finishes first
        await indexer?.value
        // What the last interval queued is indexed before the registry closes (a crash leaves it for the next start).
        if let store = registry as? SQLiteRegistryStore { try await store.indexAllQueuedSearchEntries() }
    }

    /// The working-day calendar from `path` (weekends only without one).
    static func calendar(_ path: String?) throws -> WorkingCalendar {
        guard let path else { return WorkingCalendar() }
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandFailure(message: "cannot read the holiday file \(path)") }
        switch WorkingCalendar.parse(String(decoding: data, as: UTF8.self)) {
        case .success(let calendar): return calendar
        case .failure(let error):
            throw CommandFailure(message: "\(path): lines \(error.lines.map(String.init).joined(separator: ", ")) are not dates (YYYY-MM-DD or +YYYY-MM-DD)")
        }
    }

    /// Ready when the registry answers a query.
    static func isReady<Store: RegistryStore>(_ registry: Store) async -> Bool {
        (try? await registry.entityCount()) != nil
    }
}
