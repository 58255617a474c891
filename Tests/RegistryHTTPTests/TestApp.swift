import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import Prometheus
@testable import RegistryHTTP

/// One application per test, over one process-wide metrics registry (swift-metrics bootstraps once).
enum TestApp {
    static let metrics: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    static func make(maxBodyBytes: Int = 4_096) -> some ApplicationProtocol {
        var logger = Logger(label: "yizhao-test")
        logger.logLevel = .warning
        return HTTPServer.application(
            settings: HTTPSettings(host: "127.0.0.1", port: 0, maxBodyBytes: maxBodyBytes),
            dependencies: HTTPDependencies(metrics: metrics),
            logger: logger
        )
    }
}

/// A decoded problem document.
struct ProblemBody: Decodable {
    let type: String
    let title: String
    let status: Int
    let detail: String
    let code: String
    let instance: String?
    let requestId: String?
    let errors: [Problem.FieldError]?
}
