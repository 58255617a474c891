import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RegistryCore
import RegistryService
import RegistryStore
import Synchronization
import Testing
@testable import RegistryHTTP

struct SupervisionRoutesTests {
    @Test func overdueDueSoonAndStatistics() async throws {
        let store = try await TestApp.emptyStore()
        let (tokens, _) = try await TestApp.tokens(in: store)
        let clock = Mutex(Instant(iso: "2026-11-23T01:00:00Z")!)  // Monday 09:00 in Changsha
        let app = try await TestApp.make(maxBodyBytes: 64 * 1024, store: store, clock: { clock.withLock { $0 } })
        try await app.test(.router) { client in
            func post(_ path: String, _ role: Role, _ body: String) async throws -> [String: Any] {
                try await client.execute(uri: path, method: .post, headers: TestApp.headers(tokens[role]), body: ByteBuffer(string: body)) { response in
                    #expect(response.status.code < 300, "\(path): \(String(buffer: response.body))")
                    return try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
                }
            }
            func get(_ path: String) async throws -> [String: Any] {
                try await client.execute(uri: path, method: .get, headers: TestApp.headers(tokens[.supervisor])) { response in
                    #expect(response.status == .ok, "\(path): \(String(buffer: response.body))")
                    return try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
                }
            }
            var numbers: [String] = []
            for name in ["长沙云图湾网络科技有限公司", "长沙晴岚韵网络科技有限公司", "长沙松柏苑网络科技有限公司"] {
                let encoder = JSONEncoder()
                let body = String(decoding: try encoder.encode(ApplicationFormInput.example(name: name)), as: UTF8.self)
                numbers.append(try await post("/v1/applications", .clerk, body)["number"] as! String)
            }
            clock.withLock { $0 = Instant(iso: "2026-11-24T06:00:00Z")! }  // Tuesday 14:00: one completes, one is returned
            for (department, role) in [("market", Role.reviewerMarket), ("tax", .reviewerTax), ("statistics", .reviewerStatistics)] {
                _ = try await post("/v1/applications/\(numbers[0])/reviews/\(department)", role, #"{"decision":"approve"}"#)
            }
            _ = try await post("/v1/applications/\(numbers[1])/reviews/tax", .reviewerTax, #"{"decision":"return","reasons":["办税人身份信息有误"]}"#)
            _ = try await post("/v1/applications/\(numbers[2])/reviews/market", .reviewerMarket, #"{"decision":"approve"}"#)

            let dueSoon = try await get("/v1/supervision/due-soon?days=2")["applications"] as! [[String: Any]]
            #expect(dueSoon.map { $0["number"] as! String } == [numbers[2]])  // due Thursday; the returned one is with the applicant
            #expect(dueSoon.first?["pending"] as? [String] == ["tax", "statistics"])
            clock.withLock { $0 = Instant(iso: "2026-11-27T02:00:00Z")! }  // Friday: a day past Thursday's deadline
            let overdue = try await get("/v1/supervision/overdue")["applications"] as! [[String: Any]]
            #expect(overdue.map { $0["number"] as! String } == [numbers[2]])
            #expect(overdue.first?["workingDaysOverdue"] as? Int == 1 && overdue.first?["deadline"] as? String == "2026-11-26")

            let stats = try await get("/v1/supervision/stats?from=2026-11-23&to=2026-11-27")
            #expect(stats["received"] as? Int == 3 && stats["completed"] as? Int == 1 && stats["returned"] as? Int == 1)
            #expect(abs((stats["completionRate"] as? Double ?? 0) - 1.0 / 3.0) < 1e-9)
            #expect(stats["completedOnTime"] as? Int == 1)
            let hours = stats["processingHours"] as? [String: Double]
            #expect(hours?["p50"] == 29 && hours?["p95"] == 29)  // Monday 09:00 → Tuesday 14:00
            let departments = stats["departments"] as! [[String: Any]]
            #expect(departments.map { $0["department"] as! String } == ["market", "tax", "statistics"])
            #expect(departments[0]["decided"] as? Int == 2 && departments[1]["returned"] as? Int == 1)

            try await client.execute(uri: "/v1/supervision/stats?from=2026-11-30&to=2026-11-01", method: .get,
                                     headers: TestApp.headers(tokens[.supervisor])) { #expect($0.status == .badRequest) }
        }
    }
}
