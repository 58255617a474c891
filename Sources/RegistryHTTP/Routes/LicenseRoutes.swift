import Foundation
import Hummingbird
import RegistryCore
import RegistryService
import RegistryStore

/// `GET /v1/licenses/{code}` (the signed electronic license), `POST /v1/licenses/verify` and `GET /v1/public-key`
/// (public: anyone can verify a license).
struct LicenseRoutes<Store: RegistryStore>: Sendable {
    let desk: LicenseDesk<Store>

    func register(on routes: inout RouteTable) {
        routes.get("/v1/licenses/:code", .open) { _, context in
            let text = context.parameters.get("code") ?? ""
            let code: CreditCode
            do { code = try CreditCode(validating: text) } catch {
                throw Problem.invalidParameter("code", "“\(text.prefix(40))” is not a valid unified social credit code.")
            }
            guard let license = try await desk.license(code: code) else {
                throw Problem(.notFound, code: "entity-not-found", title: "No such entity", detail: "No entity in this registry has the code \(code).")
            }
            return try JSONBody.response(license)
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
