import ArgumentParser
import Hummingbird
import Logging
import Metrics
import Prometheus
import RegistryHTTP
import RegistryService

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

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0–65535, not \(port).") }
        guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be positive.") }
    }

    func run() async throws {
        logging.bootstrap()
        let logger = Logger(label: "yizhao")
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let settings = HTTPSettings(host: host, port: port, maxBodyBytes: maxBodyBytes)
        let app = HTTPServer.application(
            settings: settings,
            dependencies: HTTPDependencies(metrics: metrics),
            logger: logger,
            onServerRunning: { port in
                logger.notice("listening", metadata: ["url": "http://\(settings.host):\(port)"])
            }
        )
        try await app.runService()
        logger.notice("stopped")
    }
}
