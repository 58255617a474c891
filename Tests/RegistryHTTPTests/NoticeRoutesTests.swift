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

struct NoticeRoutesTests {
    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
    }

    struct View: Decodable {
        struct Objection: Decodable { let party: String }
        let id: Int64; let from: String; let to: String; let applyBy: String; let published: Bool; let objection: Objection?
    }
    struct List: Decodable { let notices: [View] }

    @Test func aNoticeRunsFromItsFilingAndAnObjectionClosesTheSimplifiedProcedure() async throws {
        let store = try await TestApp.emptyStore()
        let dossier = ContractFixtures.dossier(index: 1)
        try await store.importDossiers([dossier])
        let (tokens, _) = try await TestApp.tokens(in: store)
        let code = dossier.entity.code.rawValue
        let uri = "/v1/entities/\(code)/deregistration-notices"
        try await TestApp.make(maxBodyBytes: 64 * 1024, store: store).test(.router) { client in
            try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.clerk]), body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.errors?.map(\.field) == ["/investorsCommitment"])
            }
            try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.reviewerMarket]),
                                     body: ByteBuffer(string: #"{"investorsCommitment":true}"#)) { response in
                #expect(response.status == .forbidden)
            }
            let notice = try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.clerk], key: "notice-1"),
                                                  body: ByteBuffer(string: #"{"investorsCommitment":true}"#)) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                return try Self.decode(View.self, response)
            }
            #expect(notice.from == "2026-11-27" && notice.to == "2026-12-16" && notice.applyBy == "2027-01-05" && notice.published)
            try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.clerk]),
                                     body: ByteBuffer(string: #"{"investorsCommitment":true}"#)) { response in
                #expect(response.status == .conflict, "one open notice at a time")
            }
            try await client.execute(uri: "/v1/entities/\(code)", method: .get) { response in
                #expect(String(buffer: response.body).contains(#""published":true"#), "the entity's page shows 简易注销公告中")
            }
            // While the notice runs the application is too early.
            let simplified = #"{"kind":"deregistration","deregistration":{"code":"\#(code)","mode":"simplified","reason":"未开业","investorsCommitment":true}}"#
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]),
                                     body: ByteBuffer(string: simplified)) { response in
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.errors?.map(\.code) == ["too-early"], "\(String(buffer: response.body))")
            }
            let objection = "\(uri)/\(notice.id)/objection"
            try await client.execute(uri: objection, method: .post, headers: TestApp.headers(tokens[.reviewerTax]), body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.errors?.map(\.field) == ["/party", "/reason"])
            }
            let body = #"{"party":"国家税务总局长沙市岳麓区税务局","reason":"尚有未缴税款"}"#
            try await client.execute(uri: objection, method: .post, headers: TestApp.headers(tokens[.reviewerTax]), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let objected = try Self.decode(View.self, response)
                #expect(objected.objection?.party == "国家税务总局长沙市岳麓区税务局")
            }
            try await client.execute(uri: objection, method: .post, headers: TestApp.headers(tokens[.reviewerStatistics]), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "\(uri)/77/objection", method: .post, headers: TestApp.headers(tokens[.admin]), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .notFound)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.code == "notice-not-found")
            }
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]),
                                     body: ByteBuffer(string: simplified)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.errors?.map(\.code) == ["objected"], "\(String(buffer: response.body))")
            }
            try await client.execute(uri: uri, method: .get) { response in
                let list = try Self.decode(List.self, response)
                #expect(list.notices.count == 1 && list.notices.first?.objection != nil)
            }
        }
    }
}
