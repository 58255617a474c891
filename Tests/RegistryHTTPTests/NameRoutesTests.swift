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

struct NameRoutesTests {
    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
    static let headers: HTTPFields = [.contentType: "application/json"]

    static func registry() async throws -> some ApplicationProtocol {
        let store = try await TestApp.emptyStore()
        try await store.importDossiers([ContractFixtures.named("长沙红光酒业发展有限公司", index: 1, industry: "1512")])
        return try await TestApp.make(store: store)
    }

    @Test func aCheckReportsVerdictFindingsConflictsAndParse() async throws {
        try await Self.registry().test(.router) { client in
            let body = #"{"name":"长沙市红光酒业有限公司","type":"llc","industry":"1512","authority":"430104"}"#
            try await client.execute(uri: "/v1/name-checks", method: .post, headers: Self.headers, body: Self.json(body)) { response in
                #expect(response.status == .ok)
                let view = try JSONDecoder().decode(NameCheckView.self, from: Data(response.body.readableBytesView))
                #expect(view.verdict == "blocked")
                #expect(view.conflicts.map(\.rule) == ["C-SAME-ZIHAO-SAME-INDUSTRY"])
                #expect(view.conflicts.first?.name == "长沙红光酒业发展有限公司" && view.conflicts.first?.status == "存续")
                #expect(view.conflicts.first?.code?.count == 18)
                #expect(view.parse.zihao == "红光" && view.parse.region == "长沙市" && view.parse.industry == "酒业")
            }
        }
    }

    @Test func badInputGetsOneProblemListingEveryField() async throws {
        try await Self.registry().test(.router) { client in
            let body = #"{"name":"","type":"ltd","industry":"x","authority":"999999"}"#
            try await client.execute(uri: "/v1/name-checks", method: .post, headers: Self.headers, body: Self.json(body)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.code == "validation-failed")
                #expect(problem.errors?.map(\.field) == ["/name", "/type", "/industry", "/authority"])
            }
            try await client.execute(uri: "/v1/name-checks", method: .post, headers: Self.headers, body: Self.json(#"{"name":1}"#)) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/v1/name-reservations", method: .post, headers: Self.headers,
                                     body: Self.json(#"{"name":"长沙蓝天贸易有限公司","type":"llc","industry":"5191","authority":"430104","applicant":" "}"#)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.errors?.map(\.field) == ["/applicant"])
            }
        }
    }

    @Test func reserveReadCancel() async throws {
        try await Self.registry().test(.router) { client in
            let body = #"{"name":"长沙蓝天贸易有限公司","type":"llc","industry":"5191","authority":"430104","applicant":"张三、李四"}"#
            var id = ""
            try await client.execute(uri: "/v1/name-reservations", method: .post, headers: Self.headers, body: Self.json(body)) { response in
                #expect(response.status == .created)
                struct Created: Decodable { let reservation: NameReservationView; let check: NameCheckView }
                let created = try JSONDecoder().decode(Created.self, from: Data(response.body.readableBytesView))
                id = created.reservation.id
                #expect(created.reservation.state == "active" && created.reservation.expiresOn == "2027-01-27")
                #expect(response.headers[.location] == "/v1/name-reservations/\(id)")
            }
            try await client.execute(uri: "/v1/name-reservations", method: .post, headers: Self.headers, body: Self.json(body)) { response in
                #expect(response.status == .conflict)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.code == "name-blocked" && problem.check?.conflicts.first?.source == "reservation")
            }
            try await client.execute(uri: "/v1/name-reservations/\(id)", method: .get) { response in
                let view = try JSONDecoder().decode(NameReservationView.self, from: Data(response.body.readableBytesView))
                #expect(view.name == "长沙蓝天贸易有限公司" && view.applicant == "张三、李四")
            }
            try await client.execute(uri: "/v1/name-reservations/\(id)", method: .delete) { response in
                #expect(response.status == .ok)
                let view = try JSONDecoder().decode(NameReservationView.self, from: Data(response.body.readableBytesView))
                #expect(view.state == "cancelled")
            }
            try await client.execute(uri: "/v1/name-reservations/\(id)", method: .delete) { response in
                #expect(response.status == .conflict)
            }
            try await client.execute(uri: "/v1/name-reservations/NR0000", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/v1/name-reservations/x'%20or%201", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            let rejected = #"{"name":"长沙最佳贸易有限公司","type":"llc","industry":"5191","authority":"430104","applicant":"王五"}"#
            try await client.execute(uri: "/v1/name-reservations", method: .post, headers: Self.headers, body: Self.json(rejected)) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.code == "name-rejected" && problem.check?.findings.first?.rule == "N-MISLEADING")
            }
        }
    }
}

/// SPEC §6: public endpoints are rate-limited per client with `Retry-After`.
struct RateLimitTests {
    final class Clock: Sendable {
        let seconds = Mutex(0.0)
    }

    @Test func theBucketRefillsWithTime() {
        let clock = Clock()
        let limiter = ClientRateLimiter(perSecond: 2, burst: 3, now: { clock.seconds.withLock { $0 } })
        #expect((0..<3).map { _ in limiter.take(for: "a") } == [.allowed, .allowed, .allowed])
        #expect(limiter.take(for: "a") == .limited(retryAfter: 1))
        #expect(limiter.take(for: "b") == .allowed)  // per client
        clock.seconds.withLock { $0 = 0.5 }
        #expect(limiter.take(for: "a") == .allowed)
        #expect(limiter.take(for: "a") == .limited(retryAfter: 1))
    }

    @Test func memoryStaysBounded() {
        let clock = Clock()
        let limiter = ClientRateLimiter(perSecond: 1, burst: 1, maximumClients: 10, now: { clock.seconds.withLock { $0 } })
        for index in 0..<10 { _ = limiter.take(for: "c\(index)") }
        clock.seconds.withLock { $0 = 5 }  // every bucket has refilled
        _ = limiter.take(for: "new")
        #expect(limiter.clientCount <= 10)
        // A flood of new addresses, none refilled: the table is cleared rather than swept on every request.
        for index in 0..<25 { _ = limiter.take(for: "flood\(index)") }
        #expect(limiter.clientCount <= 10)
    }

    @Test func aLimitedClientGets429WithRetryAfter() async throws {
        let clock = Clock()
        let limiter = ClientRateLimiter(perSecond: 1, burst: 2, now: { clock.seconds.withLock { $0 } })
        try await TestApp.make(rateLimiter: limiter).test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/v1/codes/91110000600037341L", method: .get) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/v1/codes/91110000600037341L", method: .get) { response in
                #expect(response.status == .tooManyRequests)
                #expect(response.headers[.retryAfter] == "1")
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.code == "rate-limited")
            }
            try await client.execute(uri: "/healthz", method: .get) { #expect($0.status == .ok) }  // not limited
        }
    }
}

extension NameRoutesTests {
    @Test func retriedReservationAndCancellationReplay() async throws {
        try await Self.registry().test(.router) { client in
            let body = #"{"name":"长沙晴岚韵贸易有限公司","type":"llc","industry":"5191","authority":"430104","applicant":"张三"}"#
            var headers = Self.headers
            headers[HTTPField.Name("Idempotency-Key")!] = "reserve-1"
            let first = try await client.execute(uri: "/v1/name-reservations", method: .post, headers: headers, body: Self.json(body)) { response in
                #expect(response.status == .created)
                return String(buffer: response.body)
            }
            let again = try await client.execute(uri: "/v1/name-reservations", method: .post, headers: headers, body: Self.json(body)) { response in
                #expect(response.status == .created)
                #expect(response.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
                return String(buffer: response.body)
            }
            #expect(first == again)
            let view = try JSONDecoder().decode(NameReservationCreatedDTO.self, from: Data(first.utf8))
            headers[HTTPField.Name("Idempotency-Key")!] = "cancel-1"
            for _ in 0..<2 {
                try await client.execute(uri: "/v1/name-reservations/\(view.reservation.id)", method: .delete, headers: headers) { response in
                    #expect(response.status == .ok)
                }
            }
            try await client.execute(uri: "/v1/name-reservations/\(view.reservation.id)", method: .delete) { response in
                #expect(response.status == .conflict)  // without the key, a second cancellation is refused
            }
        }
    }
}

extension NameRoutesTests {
    @Test func aWarnedNameIsReservedOnlyWithTheCommitment() async throws {
        try await Self.registry().test(.router) { client in
            // 红光 is registered for 酒业 (1512): the same 字号 for software is a warning, not a block.
            let body = #"{"name":"长沙红光软件开发有限公司","type":"llc","industry":"6513","authority":"430104","applicant":"张三""#
            try await client.execute(uri: "/v1/name-reservations", method: .post, headers: Self.headers, body: Self.json(body + "}")) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.code == "name-commitment-required" && problem.check?.verdict == "warning")
            }
            try await client.execute(uri: "/v1/name-reservations", method: .post, headers: Self.headers,
                                     body: Self.json(body + #","nameCommitment":true}"#)) { response in
                #expect(response.status == .created)
            }
        }
    }
}
