import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RegistryCore
import RegistrySQLite
import RegistryStore
import Testing
@testable import RegistryHTTP

struct AbnormalListingRoutesTests {
    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
    }

    struct View: Decodable { let id: Int64; let reason: String; let reasonDisplay: String; let inForce: Bool }
    struct List: Decodable { let listings: [View] }

    @Test func aListingBarsTheSimplifiedDeregistrationUntilItIsRemoved() async throws {
        let store = try await TestApp.emptyStore()
        let dossier = ContractFixtures.dossier(index: 1)
        try await store.importDossiers([dossier])
        let (tokens, _) = try await TestApp.tokens(in: store)
        let code = dossier.entity.code.rawValue
        let uri = "/v1/entities/\(code)/abnormal-listings"
        let market = TestApp.headers(tokens[.reviewerMarket])
        let simplified = #"{"kind":"deregistration","deregistration":{"code":"\#(code)","mode":"simplified","reason":"未开业","noticeFrom":"2026-11-01","investorsCommitment":true}}"#
        try await TestApp.make(maxBodyBytes: 64 * 1024, store: store).test(.router) { client in
            try await client.execute(uri: uri, method: .post, headers: market, body: ByteBuffer(string: #"{"reason":"late","listedOn":"soon"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.errors?.map(\.field) == ["/reason", "/documentNumber", "/listedOn"], "\(String(buffer: response.body))")
            }
            let body = #"{"reason":"annual-report-missing","documentNumber":"长市监异〔2026〕21号","listedOn":"2026-07-01"}"#
            let listing = try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.reviewerMarket], key: "list-1"),
                                                   body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                return try Self.decode(View.self, response)
            }
            #expect(listing.inForce && listing.reasonDisplay == "未按规定报送年度报告")
            try await client.execute(uri: uri, method: .post, headers: market, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.clerk]), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/entities/\(code)", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#""abnormalListings":[{"#) && text.contains(#""inForce":true"#), "the entity's page shows the listing")
            }
            // Acceptance names the listing.
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]),
                                     body: ByteBuffer(string: simplified)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.errors?.map(\.field) == ["/deregistration/mode"] && problem.errors?.first?.message.contains("经营异常名录") == true)
            }
            let removal = "\(uri)/\(listing.id)/removal"
            try await client.execute(uri: removal, method: .post, headers: market, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.errors?.map(\.field) == ["/documentNumber", "/removedOn", "/reason"])
            }
            let removalBody = #"{"documentNumber":"长市监异〔2026〕35号","removedOn":"2026-11-20","reason":"已补报 2025 年度报告"}"#
            try await client.execute(uri: "\(uri)/999/removal", method: .post, headers: market, body: ByteBuffer(string: removalBody)) { response in
                #expect(response.status == .notFound)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.code == "listing-not-found")
            }
            try await client.execute(uri: "\(uri)/x/removal", method: .post, headers: market, body: ByteBuffer(string: removalBody)) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: removal, method: .post, headers: TestApp.headers(tokens[.admin]), body: ByteBuffer(string: removalBody)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let removed = try Self.decode(View.self, response)
                #expect(!removed.inForce)
            }
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                let list = try Self.decode(List.self, response)
                #expect(list.listings.map(\.inForce) == [false])
            }
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]),
                                     body: ByteBuffer(string: simplified)) { response in
                #expect(response.status == .created, "accepted once the listing ended: \(String(buffer: response.body))")
            }
        }
    }
}
