import Foundation
import Hummingbird
import RegistryCore
import RegistryService
import RegistryStore

/// `GET /v1/licenses/{code}` (the signed electronic license while it is in force; 410 once the entity is 吊销, 注销, 撤销 or
/// 迁出), `POST /v1/licenses/verify` and `GET /v1/public-key`
/// (public: anyone can verify a license).
struct LicenseRoutes<Store: RegistryStore>: Sendable {
    let desk: LicenseDesk<Store>

    func register(on routes: inout RouteTable) {
        routes.get("/v1/licenses/:code", .open) { _, context in
            let code = try PathCode.parse(context)
            switch try await desk.license(code: code) {
            case .found(let license):
                return try JSONBody.response(license)
            case .notInForce(let status, let since):
                throw Problem(.gone, code: "license-not-in-force", title: "License not in force",
                              detail: LicenseLookup.notInForceDetail(code, status, since: since))
            case .noEntity:
                throw Problem(.notFound, code: "entity-not-found", title: "No such entity", detail: "No entity in this registry has the code \(code).")
            }
        }
        routes.post("/v1/licenses/verify", .open) { request, context in
            let document = try await JSONBody.decode(SignedLicense.self, from: request, context: context)
            return try JSONBody.response(try await desk.verify(document))
        }
        routes.get("/v1/public-key", .open) { _, _ in
            try JSONBody.response(["algorithm": "Ed25519", "publicKey": desk.signer.publicKeyBase64])
        }
    }
}
