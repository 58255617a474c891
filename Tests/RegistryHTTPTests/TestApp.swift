import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Metrics
import Prometheus
@testable import RegistryHTTP
import RegistryCore
import RegistrySQLite
import Foundation
import RegistryService
import RegistryStore
import RegistryTestSupport

/// One application per test, over one process-wide metrics registry (swift-metrics bootstraps once).
enum TestApp {
    static let metrics: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// The fixed date the test applications run on.
    static let today = CalendarDate(year: 2026, month: 11, day: 27)!
    /// The registry key of every test application.
    static let signer = try! LicenseSigner(rawPrivateKey: LicenseSigner.generateRawPrivateKey())
    /// A snapshot directory for route lists that never take a snapshot.
    static let scratchSnapshots = Scratch.directory.appendingPathComponent("yizhao-http-snapshots-\(UUID().uuidString)")

    /// 10:00 in Changsha on `today`.
    static let now = Instant(iso: "2026-11-27T02:00:00Z")!

    /// An empty migrated registry in a temporary file.
    static func emptyStore() async throws -> SQLiteRegistryStore {
        let path = Scratch.directory.appendingPathComponent("yizhao-http-\(UUID().uuidString).db").path
        let store = try SQLiteRegistryStore(path: path)
        try await store.migrate()
        return store
    }

    static func make(maxBodyBytes: Int = 4_096, store: SQLiteRegistryStore? = nil, rateLimiter: ClientRateLimiter? = nil,
                     clock: @escaping @Sendable () -> Instant = { now }) async throws -> some ApplicationProtocol {
        var logger = Logger(label: "yizhao-test")
        logger.logLevel = .warning
        let registry: SQLiteRegistryStore
        if let store { registry = store } else { registry = try await emptyStore() }
        return HTTPServer.application(
            settings: HTTPSettings(host: "127.0.0.1", port: 0, maxBodyBytes: maxBodyBytes, rateLimiter: rateLimiter),
            dependencies: HTTPDependencies(store: registry, now: clock, signer: signer, snapshotDirectory: URL(fileURLWithPath: registry.path + ".snapshots"),
                                           metrics: metrics),
            logger: logger
        )
    }
}

/// A decoded problem document: the type the server encodes.
typealias ProblemBody = Problem.Document

extension TestApp {
    /// One live token per role (and one revoked clerk token) in `store`: role → secret.
    static func tokens(in store: SQLiteRegistryStore) async throws -> (secrets: [Role: String], revoked: String) {
        let desk = AccessDesk(store: store, now: { now })
        let actor = Actor(label: "test", role: "admin", requestID: nil)
        var secrets: [Role: String] = [:]
        for role in Role.allCases { secrets[role] = try await desk.create(role: role, label: "test \(role.rawValue)", actor: actor).secret }
        let revoked = try await desk.create(role: .clerk, label: "revoked clerk", actor: actor)
        _ = try await desk.revoke(id: revoked.token.id, actor: actor)
        return (secrets, revoked.secret)
    }

    /// JSON headers with a bearer token (and an idempotency key).
    static func headers(_ secret: String?, key: String? = nil) -> HTTPFields {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let secret { headers[.authorization] = "Bearer \(secret)" }
        if let key { headers[HTTPField.Name("Idempotency-Key")!] = key }
        return headers
    }
}
