import Foundation
import Hummingbird
import Logging
import Prometheus
import RegistryCore
import RegistryService
import RegistryStore

/// Settings of the HTTP edge.
public struct HTTPSettings: Sendable {
    /// Address to bind.
    public var host: String
    /// Port to bind (0 picks a free one).
    public var port: Int
    /// Largest accepted request body in bytes.
    public var maxBodyBytes: Int
    /// The per-client limit of the public API (SPEC §6); nil: no limit.
    public var rateLimiter: ClientRateLimiter?
    /// Identify clients by `X-Forwarded-For` (only behind a trusted proxy).
    public var trustForwardedFor: Bool

    /// Creates settings; the defaults are SPEC §7's (no rate limit unless one is given).
    public init(host: String = "127.0.0.1", port: Int = 8080, maxBodyBytes: Int = 256 * 1024,
                rateLimiter: ClientRateLimiter? = nil, trustForwardedFor: Bool = false) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.rateLimiter = rateLimiter
        self.trustForwardedFor = trustForwardedFor
    }
}

/// The use cases and observability sinks the routes need, injected by the executable.
public struct HTTPDependencies<Store: RegistryStore>: Sendable {
    /// Code validation.
    public var codeDesk: CodeDesk
    /// Registry lookup and search.
    public var directory: RegistryDirectory<Store>
    /// Name pre-check and reservation.
    public var nameDesk: NameDesk<Store>
    /// Unified applications.
    public var registrar: Registrar<Store>
    /// Bearer tokens.
    public var access: AccessDesk<Store>
    /// Signed electronic licenses.
    public var licenses: LicenseDesk<Store>
    /// Deadlines and statistics.
    public var supervision: SupervisionDesk<Store>
    /// The audit log and the change feed.
    public var audit: AuditDesk<Store>
    /// Signed snapshots taken through the service.
    public var snapshots: SnapshotDesk<Store>
    /// The public dataset.
    public var openData: OpenDataDesk<Store>
    /// Where metrics are collected; `/metrics` renders it.
    public var metrics: PrometheusCollectorRegistry
    /// Whether the service can do its work (storage reachable).
    public var readiness: @Sendable () async -> Bool

    /// Creates the dependencies; `now` is the clock (today in China derives from it), `calendar` the
    /// working days of deadlines, `snapshotDirectory` where snapshots taken over HTTP are kept.
    public init(store: Store, now: @escaping @Sendable () -> Instant, calendar: WorkingCalendar = WorkingCalendar(),
                signer: LicenseSigner, snapshotDirectory: URL, codeDesk: CodeDesk = CodeDesk(), metrics: PrometheusCollectorRegistry,
                readiness: @escaping @Sendable () async -> Bool = { true }) {
        self.directory = RegistryDirectory(store: store)
        self.nameDesk = NameDesk(store: store, now: now)
        self.registrar = Registrar(store: store, now: now, calendar: calendar)
        self.access = AccessDesk(store: store, now: now)
        self.licenses = LicenseDesk(store: store, signer: signer)
        self.supervision = SupervisionDesk(store: store, calendar: calendar, now: now)
        self.audit = AuditDesk(store: store)
        self.snapshots = SnapshotDesk(exporter: SnapshotExporter(store: store, signer: signer, now: now), root: snapshotDirectory)
        self.openData = OpenDataDesk(store: store)
        self.codeDesk = codeDesk
        self.metrics = metrics
        self.readiness = readiness
    }
}

/// Builds the Yizhao HTTP application.
public enum HTTPServer {
    /// The router with every route and the middleware stack, outermost first: request id, access
    /// log, metrics, problem+json mapping, authentication, rate limit (public API), body limit.
    public static func router<Store>(settings: HTTPSettings, dependencies: HTTPDependencies<Store>) -> Router<YizhaoRequestContext> {
        build(settings: settings, dependencies: dependencies).router
    }

    /// Every route with its access declaration (SPEC §6).
    public static func routes<Store>(settings: HTTPSettings, dependencies: HTTPDependencies<Store>) -> [RouteDeclaration] {
        build(settings: settings, dependencies: dependencies).routes
    }

    static func build<Store>(settings: HTTPSettings, dependencies: HTTPDependencies<Store>)
        -> (router: Router<YizhaoRequestContext>, routes: [RouteDeclaration]) {
        let router = Router(context: YizhaoRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: AuthenticationMiddleware(access: dependencies.access))
        if let limiter = settings.rateLimiter {
            router.add(middleware: RateLimitMiddleware(limiter: limiter, trustForwardedFor: settings.trustForwardedFor))
        }
        router.add(middleware: BodyLimitMiddleware(maxBytes: settings.maxBodyBytes))
        var routes = RouteTable(router: router)
        HealthRoutes(readiness: dependencies.readiness, metrics: dependencies.metrics).register(on: &routes)
        CodeRoutes(desk: dependencies.codeDesk).register(on: &routes)
        EntityRoutes(directory: dependencies.directory, now: dependencies.registrar.now).register(on: &routes)
        NameRoutes(desk: dependencies.nameDesk).register(on: &routes)
        ApplicationRoutes(registrar: dependencies.registrar).register(on: &routes)
        DecisionRoutes(registrar: dependencies.registrar).register(on: &routes)
        AbnormalListingRoutes(registrar: dependencies.registrar).register(on: &routes)
        NoticeRoutes(registrar: dependencies.registrar).register(on: &routes)
        LicenseRoutes(desk: dependencies.licenses).register(on: &routes)
        SupervisionRoutes(desk: dependencies.supervision).register(on: &routes)
        AuditRoutes(desk: dependencies.audit).register(on: &routes)
        SnapshotRoutes(desk: dependencies.snapshots).register(on: &routes)
        OpenDataRoutes(desk: dependencies.openData).register(on: &routes)
        return (router, routes.declarations)
    }

    /// The application, ready for `runService()` (which shuts down gracefully on SIGINT and SIGTERM).
    public static func application<Store>(
        settings: HTTPSettings, dependencies: HTTPDependencies<Store>, logger: Logger,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(settings: settings, dependencies: dependencies),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: "yizhao"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? settings.port) },
            logger: logger
        )
    }
}
