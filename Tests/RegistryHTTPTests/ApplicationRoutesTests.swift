import Foundation
import Hummingbird
import HummingbirdTesting
import HTTPTypes
import NIOCore
import RegistrySQLite
import RegistryCore
import RegistryService
import RegistryStore
import Testing
@testable import RegistryHTTP

struct ApplicationRoutesTests {
    /// The JSON of `value`, byte-for-byte the same each time (as a client's retry is).
    static func body(_ value: some Encodable) throws -> ByteBuffer {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return ByteBuffer(bytes: try encoder.encode(value))
    }
    static func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(response.body.readableBytesView))
    }

    @Test func acceptReviewInParallelAndComplete() async throws {
        let store = try await TestApp.emptyStore()
        let (tokens, _) = try await TestApp.tokens(in: store)
        try await TestApp.make(maxBodyBytes: 64 * 1024, store: store).test(.router) { client in
            let number = try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk], key: "accept-1"),
                                                  body: try Self.body(ApplicationFormInput.example())) { response in
                #expect(response.status == .created)
                let view = try Self.decode(ApplicationView.self, response)
                #expect(view.state == "under-review" && view.deadline == "2026-12-02" && view.version == 1)
                #expect(response.headers[.location] == "/v1/applications/\(view.number)")
                return view.number
            }
            // The retried acceptance returns the first reply and stores nothing new.
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk], key: "accept-1"),
                                     body: try Self.body(ApplicationFormInput.example())) { response in
                #expect(response.status == .created)
                #expect(response.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
                let decoded = try Self.decode(ApplicationView.self, response)
                #expect(decoded.number == number)
            }
            #expect(try await store.applications(state: nil, after: nil, limit: 10).count == 1)
            // A reviewer of another department cannot act on this one's part.
            try await client.execute(uri: "/v1/applications/\(number)/reviews/market", method: .post,
                                     headers: TestApp.headers(tokens[.reviewerTax]), body: ByteBuffer(string: #"{"decision":"approve"}"#)) { response in
                #expect(response.status == .forbidden)
                let decoded = try Self.decode(ProblemBody.self, response)
                #expect(decoded.code == "forbidden")
            }
            for (department, role) in [("tax", Role.reviewerTax), ("statistics", .reviewerStatistics), ("market", .reviewerMarket)] {
                try await client.execute(uri: "/v1/applications/\(number)/reviews/\(department)", method: .post,
                                         headers: TestApp.headers(tokens[role]), body: ByteBuffer(string: #"{"decision":"approve"}"#)) { response in
                    #expect(response.status == .ok)
                    let view = try Self.decode(ApplicationView.self, response)
                    #expect((view.state == "completed") == (department == "market"))
                    if department == "market" { #expect(view.code?.hasPrefix("91430104") == true) }
                }
            }
            // Approving twice, or after completion, is refused.
            try await client.execute(uri: "/v1/applications/\(number)/reviews/tax", method: .post,
                                     headers: TestApp.headers(tokens[.reviewerTax]), body: ByteBuffer(string: #"{"decision":"approve"}"#)) { response in
                #expect(response.status == .conflict)
                let decoded = try Self.decode(ProblemBody.self, response)
                #expect(decoded.code == "wrong-state")
            }
            try await client.execute(uri: "/v1/applications/\(number)", method: .get, headers: TestApp.headers(tokens[.supervisor])) { response in
                let decoded = try Self.decode(ApplicationView.self, response)
                #expect(decoded.reviews.count == 3)
            }
            try await client.execute(uri: "/v1/applications?state=completed", method: .get, headers: TestApp.headers(tokens[.clerk])) { response in
                let decoded = try Self.decode(ApplicationListDTO.self, response)
                #expect(decoded.applications.map(\.number) == [number])
            }
        }
    }

    @Test func everyFieldErrorInOneProblem() async throws {
        let store = try await TestApp.emptyStore()
        let (tokens, _) = try await TestApp.tokens(in: store)
        try await TestApp.make(maxBodyBytes: 64 * 1024, store: store).test(.router) { client in
            var input = ApplicationFormInput.example()
            input.market?.domicile = nil
            input.market?.registeredCapitalYuan = 0
            input.tax = nil
            input.statistics?.industry = "99"
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]),
                                     body: try Self.body(input)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.code == "validation-failed")
                #expect(problem.errors?.map(\.field) == ["/market/domicile", "/market/registeredCapitalYuan", "/tax", "/statistics/industry"])
            }
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]),
                                     body: ByteBuffer(string: #"{"market":{"name":5}}"#)) { response in
                #expect(response.status == .badRequest)
            }
            // A name that fails the pre-check is refused with the check.
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]),
                                     body: try Self.body(ApplicationFormInput.example(name: "长沙ABC网络科技有限公司"))) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.code == "name-rejected" && problem.check?.verdict == "rejected")
            }
            #expect(try await store.applications(state: nil, after: nil, limit: 10).isEmpty)
            // A reused idempotency key with another body is refused.
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk], key: "k"),
                                     body: try Self.body(ApplicationFormInput.example())) { #expect($0.status == .created) }
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk], key: "k"),
                                     body: try Self.body(ApplicationFormInput.example(name: "长沙云图峰网络科技有限公司"))) { response in
                #expect(response.status == .unprocessableContent)
                let decoded = try Self.decode(ProblemBody.self, response)
                #expect(decoded.code == "idempotency-key-reused")
            }
        }
    }

    @Test func returnCorrectResubmit() async throws {
        let store = try await TestApp.emptyStore()
        let (tokens, _) = try await TestApp.tokens(in: store)
        try await TestApp.make(maxBodyBytes: 64 * 1024, store: store).test(.router) { client in
            let number = try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]),
                                                  body: try Self.body(ApplicationFormInput.example())) { try Self.decode(ApplicationView.self, $0).number }
            try await client.execute(uri: "/v1/applications/\(number)/reviews/statistics", method: .post,
                                     headers: TestApp.headers(tokens[.reviewerStatistics]), body: ByteBuffer(string: #"{"decision":"return"}"#)) { response in
                #expect(response.status == .unprocessableContent)  // a return needs reasons
            }
            try await client.execute(uri: "/v1/applications/\(number)/reviews/statistics", method: .post,
                                     headers: TestApp.headers(tokens[.reviewerStatistics]),
                                     body: ByteBuffer(string: #"{"decision":"return","reasons":["从业人员数与税务部分不一致"]}"#)) { response in
                let decoded = try Self.decode(ApplicationView.self, response)
                #expect(decoded.state == "returned")
            }
            try await client.execute(uri: "/v1/applications/\(number)", method: .put, headers: TestApp.headers(tokens[.clerk]),
                                     body: try Self.body(ApplicationFormInput.example())) { response in
                #expect(response.status == .unprocessableContent)
                let decoded = try Self.decode(ProblemBody.self, response)
                #expect(decoded.code == "unchanged-resubmission")
            }
            var corrected = ApplicationFormInput.example()
            corrected.statistics?.employees = 15
            corrected.tax?.headcount = 15
            try await client.execute(uri: "/v1/applications/\(number)", method: .put, headers: TestApp.headers(tokens[.clerk]),
                                     body: try Self.body(corrected)) { response in
                let view = try Self.decode(ApplicationView.self, response)
                #expect(view.version == 2 && view.state == "under-review" && view.approvedBy.isEmpty)
            }
            try await client.execute(uri: "/v1/applications/\(number)/reviews/statistics", method: .post,
                                     headers: TestApp.headers(tokens[.reviewerStatistics]),
                                     body: ByteBuffer(string: #"{"decision":"approve","version":1}"#)) { response in
                #expect(response.status == .conflict)
                let decoded = try Self.decode(ProblemBody.self, response)
                #expect(decoded.code == "stale-version")
            }
        }
    }
}

extension ApplicationRoutesTests {
    @Test func changeThenDeregisterThroughTheSameFlow() async throws {
        let store = try await TestApp.emptyStore()
        let (tokens, _) = try await TestApp.tokens(in: store)
        try await TestApp.make(maxBodyBytes: 64 * 1024, store: store).test(.router) { client in
            func submit(_ body: ByteBuffer) async throws -> String {
                try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]), body: body) { response in
                    #expect(response.status == .created, "\(String(buffer: response.body))")
                    return try Self.decode(ApplicationView.self, response).number
                }
            }
            func approveAll(_ number: String) async throws -> ApplicationView {
                var last: ApplicationView?
                for (department, role) in [("market", Role.reviewerMarket), ("tax", .reviewerTax), ("statistics", .reviewerStatistics)] {
                    last = try await client.execute(uri: "/v1/applications/\(number)/reviews/\(department)", method: .post,
                                                    headers: TestApp.headers(tokens[role]), body: ByteBuffer(string: #"{"decision":"approve"}"#)) {
                        try Self.decode(ApplicationView.self, $0)
                    }
                }
                return last!
            }
            let established = try await approveAll(try await submit(try Self.body(ApplicationFormInput.example())))
            let code = established.code!
            let change = ApplicationInput(change: ChangeInput(code: code, name: "长沙云图湾信息技术有限公司", businessScope: "一般项目：信息技术咨询服务。",
                                                              nameCommitment: true))
            let changed = try await approveAll(try await submit(try Self.body(change)))
            #expect(changed.kind == "change" && changed.state == "completed" && changed.change?.changedItems == ["name", "businessScope"])
            try await client.execute(uri: "/v1/entities/\(code)", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("长沙云图湾信息技术有限公司") && text.contains("长沙云图湾网络科技有限公司"))
            }
            // Unknown entity, every field error at once.
            let bad = ApplicationInput(deregistration: DeregistrationInput(code: "91430104MA4L00000X", mode: "later", reason: nil))
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]), body: try Self.body(bad)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.errors?.map(\.field) == ["/deregistration/code", "/deregistration/mode", "/deregistration/reason"])
            }
            let dereg = ApplicationInput(deregistration: DeregistrationInput(code: code, mode: "ordinary", reason: "股东会决议解散", taxCleared: true))
            let ended = try await approveAll(try await submit(try Self.body(dereg)))
            #expect(ended.kind == "deregistration" && ended.state == "completed")
            #expect(try await store.dossier(try CreditCode(validating: code))?.entity.status == .deregistered)
        }
    }
}

extension ApplicationRoutesTests {
    @Test func suspendResumeAndLiquidateThroughTheSameFlow() async throws {
        let store = try await TestApp.emptyStore()
        let (tokens, _) = try await TestApp.tokens(in: store)
        try await TestApp.make(maxBodyBytes: 64 * 1024, store: store).test(.router) { client in
            func submit(_ input: ApplicationInput, expect status: HTTPResponse.Status = .created) async throws -> String? {
                try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]), body: try Self.body(input)) { response in
                    #expect(response.status == status, "\(String(buffer: response.body))")
                    return status == .created ? try Self.decode(ApplicationView.self, response).number : nil
                }
            }
            func approveAll(_ number: String?) async throws -> ApplicationView {
                var last: ApplicationView?
                for (department, role) in [("market", Role.reviewerMarket), ("tax", .reviewerTax), ("statistics", .reviewerStatistics)] {
                    last = try await client.execute(uri: "/v1/applications/\(number ?? "")/reviews/\(department)", method: .post,
                                                    headers: TestApp.headers(tokens[role]), body: ByteBuffer(string: #"{"decision":"approve"}"#)) {
                        try Self.decode(ApplicationView.self, $0)
                    }
                }
                return last!
            }
            let code = try await approveAll(try await submit(ApplicationInput(establishment: ApplicationFormInput.example()))).code!
            // Too long a suspension, and its missing reason, in one problem; nothing is stored.
            _ = try await submit(ApplicationInput(.suspension, StatusFilingInput(code: code, reason: nil, until: "2030-01-01")), expect: .unprocessableContent)
            let suspended = try await approveAll(try await submit(ApplicationInput(.suspension, StatusFilingInput(code: code, reason: "经营困难", until: "2027-05-31"))))
            #expect(suspended.kind == "suspension" && suspended.state == "completed" && suspended.filing?.suspendedUntil == CalendarDate(iso: "2027-05-31"))
            try await client.execute(uri: "/v1/entities/\(code)", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#""status":"歇业""#) && text.contains(#""statusCode":"suspended""#) && text.contains(#""suspendedUntil":"2027-05-31""#), "\(text)")
            }
            try await client.execute(uri: "/v1/entities?q=%E4%BA%91%E5%9B%BE%E6%B9%BE&status=suspended", method: .get) { response in
                #expect(String(buffer: response.body).contains(code))
            }
            // A change is for an existing (存续) entity only.
            _ = try await submit(ApplicationInput(change: ChangeInput(code: code, businessScope: "一般项目：软件开发。")), expect: .unprocessableContent)
            let resumed = try await approveAll(try await submit(ApplicationInput(.resumption, StatusFilingInput(code: code, reason: "恢复营业"))))
            #expect(resumed.kind == "resumption" && resumed.state == "completed")
            let group = StatusFilingInput(code: code, reason: "股东会决议解散", formedOn: "2026-11-27", head: "陈思远", members: ["陈思远", "李敏"])
            _ = try await approveAll(try await submit(ApplicationInput(.liquidation, group)))
            #expect(try await store.dossier(try CreditCode(validating: code))?.entity.status == .liquidating)
            let changes = try await store.changes(after: 0, limit: 10).map(\.change)
            #expect(changes == ["registered", "suspended", "resumed", "liquidating"])
        }
    }
}

extension ApplicationRoutesTests {
    @Test func aWarnedNameNeedsTheApplicantsCommitment() async throws {
        let store = try await TestApp.emptyStore()
        try await store.importDossiers([ContractFixtures.named("长沙红光酒业发展有限公司", index: 1, industry: "1512")])
        let (tokens, _) = try await TestApp.tokens(in: store)
        try await TestApp.make(maxBodyBytes: 64 * 1024, store: store).test(.router) { client in
            var input = ApplicationFormInput.example(name: "长沙红光网络科技有限公司")  // the same 字号 in another industry: a warning
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]),
                                     body: try Self.body(input)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.code == "name-commitment-required" && problem.check?.verdict == "warning")
                #expect(problem.errors?.map(\.field) == ["/market/nameCommitment"])
            }
            input.market?.nameCommitment = true
            try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]),
                                     body: try Self.body(input)) { response in
                #expect(response.status == .created)
                let view = try Self.decode(ApplicationView.self, response)
                #expect(view.form?.market.nameCommitment == true)
            }
        }
    }
}

extension ApplicationRoutesTests {
    @Test func theMarketDepartmentExtendsADeadlineOnce() async throws {
        let store = try await TestApp.emptyStore()
        let (tokens, _) = try await TestApp.tokens(in: store)
        try await TestApp.make(maxBodyBytes: 64 * 1024, store: store).test(.router) { client in
            let accepted = try await client.execute(uri: "/v1/applications", method: .post, headers: TestApp.headers(tokens[.clerk]),
                                                    body: try Self.body(ApplicationFormInput.example())) { try Self.decode(ApplicationView.self, $0) }
            let uri = "/v1/applications/\(accepted.number)/deadline-extension"
            try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.reviewerMarket]), body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.errors?.map(\.field) == ["/reason", "/approvedBy"])
            }
            let body = #"{"reason":"情形复杂，需现场核查住所","approvedBy":"王建国"}"#
            try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.reviewerMarket]), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .ok, "\(String(buffer: response.body))")
                let extended = try Self.decode(ApplicationView.self, response)
                // Received Friday 2026-11-27: due Wednesday 12-02, then three more working days: Monday 12-07.
                #expect(accepted.deadline == "2026-12-02" && extended.deadline == "2026-12-07")
                #expect(extended.deadlineExtension?.previousDeadline == CalendarDate(iso: "2026-12-02") && extended.deadlineExtension?.approvedBy == "王建国")
            }
            try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.reviewerMarket]), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .conflict)
                let problem = try Self.decode(ProblemBody.self, response)
                #expect(problem.code == "already-extended")
            }
            try await client.execute(uri: uri, method: .post, headers: TestApp.headers(tokens[.reviewerTax]), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/v1/applications/SQ202611279999999/deadline-extension", method: .post,
                                     headers: TestApp.headers(tokens[.reviewerMarket]), body: ByteBuffer(string: body)) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
