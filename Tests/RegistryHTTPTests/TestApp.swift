import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import Prometheus
@testable import RegistryHTTP
import RegistryCore
import RegistrySQLite
import Foundation

/// One application per test, over one process-wide metrics registry (swift-metrics bootstraps once).
enum TestApp {
    static let metrics: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// The fixed date the test applications run on.
    static let today = CalendarDate(year: 2026, month: 11, day: 27)!

    /// An empty migrated registry in a temporary file.
    static func emptyStore() async throws -> SQLiteRegistryStore {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("yizhao-http-\(UUID().uuidString).db").path
        let store = try SQLiteRegistryStore(path: path)
        try await store.migrate()
        return store
    }

    static func make(maxBodyBytes: Int = 4_096, store: SQLiteRegistryStore? = nil,
                     rateLimiter: ClientRateLimiter? = nil) async throws -> some ApplicationProtocol {
        var logger = Logger(label: "yizhao-test")
        logger.logLevel = .warning
        let registry: SQLiteRegistryStore
        if let store { registry = store } else { registry = try await emptyStore() }
        return HTTPServer.application(
            settings: HTTPSettings(host: "127.0.0.1", port: 0, maxBodyBytes: maxBodyBytes, rateLimiter: rateLimiter),
            dependencies: HTTPDependencies(store: registry, today: { today }, metrics: metrics),
            logger: logger
        )
    }
}

/// A decoded problem document: the type the server encodes.
typealias ProblemBody = Problem.Document
