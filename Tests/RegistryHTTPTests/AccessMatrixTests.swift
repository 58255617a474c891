import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RegistryCore
import RegistryService
import RegistrySQLite
import RegistryStore
import Testing
@testable import RegistryHTTP

/// SPEC §6: every route × every role, no token, an unknown token and a revoked one.
struct AccessMatrixTests {
    enum Caller: CustomStringConvertible {
        case none, unknown, revoked, role(Role)
        var description: String {
            switch self {
            case .none: "no token"
            case .unknown: "unknown token"
            case .revoked: "revoked token"
            case .role(let role): role.rawValue
            }
        }
    }

    @Test func everyRouteEnforcesItsRoles() async throws {
        let store = try await TestApp.emptyStore()
        let dossier = ContractFixtures.dossier(index: 1)
        try await store.importDossiers([dossier])
        let (tokens, revoked) = try await TestApp.tokens(in: store)
        let registrar = Registrar(store: store, now: { TestApp.now })
        guard case .fresh(let application) = try await registrar.accept(
            .example(), actor: Actor(label: "test", role: "clerk", requestID: nil), idempotency: nil) else {
            Issue.record("a call without an idempotency key replayed")
            return
        }
        let reservation = try await NameDesk(store: store, today: { TestApp.today }).reserve(
            NameDesk<SQLiteRegistryStore>.request(name: "长沙蓝天贸易有限公司", type: "llc", industry: "5191", authority: "430104"),
            applicant: "张三", needsPreapproval: false).reservation!
        _ = try await SnapshotExporter(store: store, signer: TestApp.signer, now: { TestApp.now })
            .export(to: URL(fileURLWithPath: store.path + ".snapshots/1"), actor: Actor(label: "test", role: "auditor", requestID: nil))
        let values = ["number": application.number, "code": dossier.entity.code.rawValue, "id": reservation.id, "snapshot": "1", "name": "entities.csv"]
        let routes = HTTPServer.routes(settings: HTTPSettings(), dependencies: HTTPDependencies(store: store, now: { TestApp.now }, signer: TestApp.signer, snapshotDirectory: TestApp.scratchSnapshots, metrics: TestApp.metrics))
        #expect(routes.count >= 18)
        let callers: [Caller] = [.none, .unknown, .revoked] + Role.allCases.map(Caller.role)
        try await TestApp.make(maxBodyBytes: 64 * 1024, store: store).test(.router) { client in
            for route in routes {
                let path = route.path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
                    segment.hasPrefix(":") ? values[String(segment.dropFirst())] ?? "x" : String(segment)
                }.joined(separator: "/") + (["/v1/entities": "?q=yunfan", "/v1/supervision/stats": "?from=2026-11-01&to=2026-11-30"][route.path] ?? "")
                for caller in callers {
                    let secret: String? = switch caller {
                    case .none: nil
                    case .unknown: "yz_" + String(repeating: "0", count: 64)
                    case .revoked: revoked
                    case .role(let role): tokens[role]
                    }
                    let body = route.method == .get || route.method == .delete ? nil : ByteBuffer(string: "{}")
                    let status = try await client.execute(uri: path, method: route.method, headers: TestApp.headers(secret), body: body) { $0.status }
                    let context = "\(route.method) \(route.path) as \(caller): \(status.code)"
                    switch (caller, route.access) {
                    case (.unknown, _), (.revoked, _):
                        #expect(status == .unauthorized, "\(context)")
                    case (.none, .open):
                        #expect(status != .unauthorized && status != .forbidden && status.code < 500, "\(context)")
                    case (.none, .roles):
                        #expect(status == .unauthorized, "\(context)")
                    case (.role(let role), let access):
                        if access.allows(role) {
                            #expect(status != .unauthorized && status != .forbidden && status.code < 500, "\(context)")
                            if route.method == .get { #expect((200..<300).contains(status.code), "\(context)") }
                        } else {
                            #expect(status == .forbidden, "\(context)")
                        }
                    }
                }
            }
        }
    }
}
