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

struct DecisionRoutesTests {
    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
    }

    struct View: Decodable { let id: Int64; let action: String; let documentNumber: String; let statusBefore: String; let statusAfterCode: String }
    struct List: Decodable { let decisions: [View] }

    @Test func revocationIsRecordedOnceListedPubliclyAndEndsTheLicense() async throws {
        let store = try await TestApp.emptyStore()
        let dossier = ContractFixtures.dossier(index: 1)
        try await store.importDossiers([dossier])
        let (tokens, _) = try await TestApp.tokens(in: store)
        let code = dossier.entity.code.rawValue
        let uri = "/v1/entities/\(code)/decisions"
        try await TestApp.make(maxBodyBytes: 64 * 1024, store: store).test(.router) { client in
            let market = TestApp.headers(tokens[.reviewerMarket], key: "decision-1")
            try await client.execute(uri: uri, method: .post, headers: market, body: ByteBuffer(string: #"{"action":"fine","decidedOn":"2026-13-01"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.errors?.map(\.field) == ["/action", "/documentNumber", "/decidedOn", "/reason"], "\(String(buffer: response.body))")
            }
            try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.reviewerMarket]),
                                     body: ByteBuffer(string: #"{"action":"license-revocation","documentNumber":"长市监处罚〔2026〕9号","decidedOn":"2026-11-28","reason":"未公示年报"}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.errors?.map(\.code) == ["in-future"])
            }
            let body = #"{"action":"license-revocation","documentNumber":"长市监处罚〔2026〕118号","decidedOn":"2026-11-20","reason":"条例 第44条：连续两年未公示年度报告"}"#
            let first = try await client.execute(uri: uri, method: .post, headers: market, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                #expect(response.headers[.location] == uri)
                return try Self.decode(View.self, response)
            }
            #expect(first.action == "license-revocation" && first.statusBefore == "存续" && first.statusAfterCode == "revoked")
            // A retry with the same key replays the first reply and records nothing twice.
            try await client.execute(uri: uri, method: .post, headers: market, body: ByteBuffer(string: body)) { response in
                #expect(response.status == .created && response.headers[IdempotencyHeader.replayed] == "true")
                let replayed = try Self.decode(View.self, response)
                #expect(replayed.id == first.id)
            }
            // The same decision again without the key is a duplicate.
            try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.reviewerMarket]), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .conflict)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.code == "conflict")
            }
            let again = #"{"action":"license-revocation","documentNumber":"长市监处罚〔2026〕119号","decidedOn":"2026-11-21","reason":"重复"}"#
            try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.admin]), body: ByteBuffer(string: again)) { response in
                #expect(response.status == .conflict)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.code == "invalid-state")
            }
            try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.reviewerTax]), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                let list = try Self.decode(List.self, response)
                #expect(list.decisions.map(\.documentNumber) == ["长市监处罚〔2026〕118号"])
            }
            try await client.execute(uri: "/v1/licenses/\(code)", method: .get) { response in
                #expect(response.status == .gone)
            }
            try await client.execute(uri: "/v1/entities/\(code)", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#""statusCode":"revoked""#) && text.contains(#""decisions":[{"#) && text.contains("长市监处罚〔2026〕118号"))
            }
            try await client.execute(uri: "/v1/entities/91430104MA4L000000/decisions", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
        let changes = try await store.changes(after: 0, limit: 10)
        #expect(changes.map(\.change) == ["license-revoked"])
    }
}
