import Foundation
import Hummingbird
import HummingbirdTesting
import RegistryCore
import RegistrySQLite
import RegistryService
import RegistryStore
import Testing
@testable import RegistryHTTP

struct EntityRoutesTests {
    struct SearchBody: Decodable {
        struct Hit: Decodable { let code: String; let name: String; let status: String; let statusCode: String; let matchTier: Int }
        let total: Int
        let totalIsEstimate: Bool
        let nextCursor: String?
        let results: [Hit]
    }

    /// A small registry with a renamed and a closed entity.
    static func registry() async throws -> (SQLiteRegistryStore, renamed: CreditCode, closed: CreditCode) {
        let store = try await TestApp.emptyStore()
        try await RegistrySeeder(store: store).seed(count: 300, seed: 5, today: CalendarDate(year: 2026, month: 11, day: 27)!)
        let renamed = try await store.register(ContractFixtures.draft(index: 1, name: "长沙微猴科技有限公司", zihao: "微猴"))
        _ = try await store.rename(renamed.entity.code, to: "湖南微猴网络科技有限公司",
                                   parts: NameParts(region: "湖南", zihao: "微猴", industry: "网络科技", form: "有限公司"),
                                   on: CalendarDate(year: 2024, month: 6, day: 1)!)
        let closed = try await store.register(ContractFixtures.draft(index: 2, name: "长沙微猴贸易有限公司", zihao: "微猴"))
        _ = try await store.changeStatus(closed.entity.code, to: .deregistered, on: CalendarDate(year: 2025, month: 1, day: 1)!)
        return (store, renamed.entity.code, closed.entity.code)
    }

    @Test func searchFindsCurrentAndFormerNamesRanked() async throws {
        let (store, renamed, closed) = try await Self.registry()
        try await TestApp.make(store: store).test(.router) { client in
            let q = "微猴".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: "/v1/entities?q=\(q)", method: .get) { response in
                #expect(response.status == .ok)
                let body = try JSONDecoder().decode(SearchBody.self, from: Data(response.body.readableBytesView))
                #expect(body.results.map(\.code) == [renamed.rawValue, closed.rawValue])
                #expect(body.results.map(\.status) == ["存续", "注销"])
                #expect(body.total == 2 && !body.totalIsEstimate && body.nextCursor == nil)
            }
            let former = "长沙微猴科技".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: "/v1/entities?q=\(former)", method: .get) { response in
                let body = try JSONDecoder().decode(SearchBody.self, from: Data(response.body.readableBytesView))
                #expect(body.results.map(\.code) == [renamed.rawValue])
            }
        }
    }

    @Test func cursorsWalkThePages() async throws {
        let (store, _, _) = try await Self.registry()
        try await TestApp.make(store: store).test(.router) { client in
            var cursor: String?
            var seen: [String] = []
            var total = 0
            repeat {
                let suffix = cursor.map { "&cursor=\($0)" } ?? ""
                try await client.execute(uri: "/v1/entities?q=%E9%95%BF%E6%B2%99&limit=7\(suffix)", method: .get) { response in
                    #expect(response.status == .ok)
                    let body = try JSONDecoder().decode(SearchBody.self, from: Data(response.body.readableBytesView))
                    total = body.total
                    seen += body.results.map(\.code)
                    cursor = body.nextCursor
                }
            } while cursor != nil
            #expect(seen.count == total && Set(seen).count == total && total > 7)
        }
    }

    @Test(arguments: [
        ("q=%E9%95%BF", "q"), ("q=", "q"), ("q=" + String(repeating: "%E9%95%BF", count: 51), "q"),
        ("q=%E9%95%BF%E6%B2%99&cursor=zzz", "cursor"), ("q=%E9%95%BF%E6%B2%99&region=43x1", "region"),
        ("q=%E9%95%BF%E6%B2%99&status=open", "status"), ("q=%E9%95%BF%E6%B2%99&type=corp", "type"),
        ("q=%E9%95%BF%E6%B2%99&section=Z", "section"), ("q=%E9%95%BF%E6%B2%99&limit=0", "limit"),
        ("q=%E9%95%BF%E6%B2%99&limit=ten", "limit"), ("q=%E9%95%BF%E6%B2%99&colour=red", "colour"),
    ])
    func badSearchesAreProblems(_ query: String, _ field: String) async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: "/v1/entities?\(query)", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == Problem.mediaType)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.errors?.map(\.field).contains(field) == true, "\(query): \(problem.errors ?? [])")
            }
        }
    }

    @Test func everyBadParameterIsReportedAtOnce() async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: "/v1/entities?q=a&status=open&type=corp", method: .get) { response in
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(Set(problem.errors?.map(\.field) ?? []) == ["q", "status", "type"])
            }
        }
    }

    @Test func aDossierHasEveryPart() async throws {
        let (store, renamed, _) = try await Self.registry()
        try await TestApp.make(store: store).test(.router) { client in
            try await client.execute(uri: "/v1/entities/\(renamed.rawValue.lowercased())", method: .get) { response in
                #expect(response.status == .ok)
                let json = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
                let entity = json["entity"] as! [String: Any]
                #expect(entity["name"] as? String == "湖南微猴网络科技有限公司")
                #expect((json["licenses"] as! [Any]).count == 2)
                #expect((json["names"] as! [Any]).count == 2)
                #expect(json["tax"] is [String: Any] && json["statistics"] is [String: Any])
                // No personal ID numbers in the public view.
                let text = String(buffer: response.body)
                #expect(!text.contains("430104198001"))
            }
            try await client.execute(uri: "/v1/entities/91110000600037341L", method: .get) { response in
                #expect(response.status == .notFound)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.code == "entity-not-found")
            }
            try await client.execute(uri: "/v1/entities/91110000600037341N", method: .get) { response in
                #expect(response.status == .badRequest)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.code == "invalid-code")
                #expect(problem.errors?.first?.code == "U-CHECK-CHAR")
            }
        }
    }
}

/// The hand-written search JSON is what JSONEncoder would write.
struct SearchJSONTests {
    @Test func writerMatchesJSONEncoder() throws {
        let hit = SearchHitView(SearchHit(
            code: try CreditCode(validating: "91110000600037341L"), name: "长沙\"红光\"\\贸易\n有限公司\u{1}",
            status: .active, type: .llc, authority: RegionCode(value: 430_104)!, industry: IndustryCode("5191")!,
            establishedOn: CalendarDate(year: 2020, month: 2, day: 29)!, tier: 3, key: 42))
        for cursor in ["3-abc-def", nil] {
            let dto = SearchResponseDTO(total: 12_345, totalIsEstimate: true, nextCursor: cursor, results: [hit, hit])
            struct Mirror: Encodable {
                let nextCursor: String?
                let results: [SearchHitView]
                let total: Int
                let totalIsEstimate: Bool
                func encode(to encoder: any Encoder) throws {
                    var container = encoder.container(keyedBy: CodingKeys.self)
                    try container.encode(nextCursor, forKey: .nextCursor)  // null, not omitted
                    try container.encode(results, forKey: .results)
                    try container.encode(total, forKey: .total)
                    try container.encode(totalIsEstimate, forKey: .totalIsEstimate)
                }
                enum CodingKeys: String, CodingKey { case nextCursor, results, total, totalIsEstimate }
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let expected = try JSONSerialization.jsonObject(with: encoder.encode(Mirror(nextCursor: cursor, results: dto.results, total: dto.total, totalIsEstimate: true))) as! NSDictionary
            let actual = try JSONSerialization.jsonObject(with: Data(dto.json)) as! NSDictionary
            #expect(actual == expected)
        }
    }
}
