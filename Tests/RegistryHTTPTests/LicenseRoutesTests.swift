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

struct LicenseRoutesTests {
    @Test func signedLicenseVerifiesAndTamperingIsCaught() async throws {
        let store = try await TestApp.emptyStore()
        let dossier = ContractFixtures.dossier(index: 1)
        try await store.importDossiers([dossier])
        let code = dossier.entity.code.rawValue
        try await TestApp.make(maxBodyBytes: 64 * 1024, store: store).test(.router) { client in
            let document = try await client.execute(uri: "/v1/licenses/\(code)", method: .get) { response in
                #expect(response.status == .ok)
                return try JSONDecoder().decode(SignedLicense.self, from: Data(response.body.readableBytesView))
            }
            #expect(document.license.code == code && document.license.name == dossier.entity.name)
            #expect(document.license.authority == "长沙市岳麓区市场监督管理局")
            #expect(document.publicKey == TestApp.signer.publicKeyBase64)

            func verify(_ document: SignedLicense) async throws -> LicenseVerification {
                try await client.execute(uri: "/v1/licenses/verify", method: .post, headers: [.contentType: "application/json"],
                                         body: ByteBuffer(bytes: try JSONEncoder().encode(document))) { response in
                    #expect(response.status == .ok)
                    return try JSONDecoder().decode(LicenseVerification.self, from: Data(response.body.readableBytesView))
                }
            }
            let fine = try await verify(document)
            #expect(fine.valid && fine.signatureValid && fine.issuedByRegistry == true && fine.current == true)

            // Changing a readable item without the payload, or the payload itself, is caught.
            var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(document)) as! [String: Any]
            var items = json["license"] as! [String: Any]
            items["registeredCapitalYuan"] = 9_000_000
            json["license"] = items
            let edited = try JSONDecoder().decode(SignedLicense.self, from: JSONSerialization.data(withJSONObject: json))
            let editedResult = try await verify(edited)
            #expect(!editedResult.valid && editedResult.signatureValid && !editedResult.itemsMatchPayload)
            var payload = Data(base64Encoded: document.payload)!
            payload[payload.count / 2] ^= 0x01
            json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(document)) as! [String: Any]
            json["payload"] = payload.base64EncodedString()
            let flipped = try await verify(try JSONDecoder().decode(SignedLicense.self, from: JSONSerialization.data(withJSONObject: json)))
            #expect(!flipped.valid && !flipped.signatureValid)

            // A well-formed license signed by another key is not the registry's.
            let forged = try SignedLicense(items: document.license, signer: LicenseSigner(rawPrivateKey: LicenseSigner.generateRawPrivateKey()))
            let forgedResult = try await verify(forged)
            #expect(!forgedResult.valid && forgedResult.signatureValid && forgedResult.issuedByRegistry == false)

            try await client.execute(uri: "/v1/licenses/91430104MA4L000000", method: .get) { #expect($0.status == .badRequest) }

            // 清算 keeps the license in force; 吊销 ends it: no license is signed (410), and the copy from before fails.
            _ = try await store.changeStatus(dossier.entity.code, to: .liquidating, on: CalendarDate(year: 2026, month: 11, day: 2)!)
            try await client.execute(uri: "/v1/licenses/\(code)", method: .get) { #expect($0.status == .ok) }
            let liquidating = try await verify(document)
            #expect(liquidating.valid && liquidating.inForce == true && liquidating.entityStatus == "清算")
            _ = try await store.changeStatus(dossier.entity.code, to: .revoked, on: CalendarDate(year: 2026, month: 11, day: 30)!)
            try await client.execute(uri: "/v1/licenses/\(code)", method: .get) { response in
                #expect(response.status == .gone)
                let problem = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
                #expect(problem["code"] as? String == "license-not-in-force")
                #expect((problem["detail"] as? String)?.contains("is 吊销 since 2026-11-30") == true, "\(problem)")
            }
            let revoked = try await verify(document)
            #expect(!revoked.valid && revoked.signatureValid && revoked.current == true && revoked.inForce == false && revoked.entityStatus == "吊销")
            #expect(revoked.problems == ["the license is not in force: the entity is 吊销 since 2026-11-30"], "\(revoked.problems)")
        }
    }
}
