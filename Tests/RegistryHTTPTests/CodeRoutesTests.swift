import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import RegistryHTTP
import RegistryStore

struct CodeRoutesTests {
    struct Inspection: Decodable {
        struct Finding: Decodable { let rule: String; let position: String?; let found: String; let expected: String?; let message: String }
        struct Parts: Decodable { let authority: String; let category: String; let region: String; let regionName: String?; let regionIsHistorical: Bool; let organizationCode: String }
        let input: String
        let normalized: String
        let valid: Bool
        let findings: [Finding]
        let parts: Parts?
    }

    @Test func healthz() async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
                #expect(response.headers[RequestIDMiddleware<YizhaoRequestContext>.headerName] != nil)
            }
        }
    }

    @Test func aValidCodeIsDescribed() async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: "/v1/codes/91430124MA4L0AAA66", method: .get) { response in
                #expect(response.status == .ok)
                let body = try JSONDecoder().decode(Inspection.self, from: Data(response.body.readableBytesView))
                #expect(body.valid)
                #expect(body.findings.isEmpty)
                #expect(body.parts?.region == "430124")
                #expect(body.parts?.regionName == "宁乡县")
                #expect(body.parts?.regionIsHistorical == true)
                #expect(body.parts?.organizationCode == "MA4L0AAA-6")
            }
        }
    }

    @Test func anInvalidCodeGetsEveryFinding() async throws {
        try await TestApp.make().test(.router) { client in
            // Percent-encoded full-width input is normalised too.
            let path = "/v1/codes/" + "9111000060003IOZSV".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok)
                let body = try JSONDecoder().decode(Inspection.self, from: Data(response.body.readableBytesView))
                #expect(!body.valid)
                #expect(body.parts == nil)
                #expect(body.findings.map(\.rule) == Array(repeating: "U-CHARSET", count: 5))
                #expect(body.findings.map(\.position) == ["14", "15", "16", "17", "18"])
            }
            try await client.execute(uri: "/v1/codes/91110000600037341N", method: .get) { response in
                let body = try JSONDecoder().decode(Inspection.self, from: Data(response.body.readableBytesView))
                #expect(body.findings.first?.expected == "L")
            }
        }
    }

    @Test func malformedPathsAreProblems() async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: "/v1/codes/%E4%ZZ", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == Problem.mediaType)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.code == "invalid-parameter")
                #expect(problem.requestId != nil)
            }
            try await client.execute(uri: "/v1/codes/" + String(repeating: "9", count: 65), method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/v1/codes/91110000600037341L/extra", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == Problem.mediaType)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.code == "not-found")
                #expect(problem.instance == "/v1/codes/91110000600037341L/extra")
            }
        }
    }

    @Test func batchValidation() async throws {
        try await TestApp.make().test(.router) { client in
            let body = ByteBuffer(string: #"{"codes":["91110000600037341L","91110000600037341N"]}"#)
            try await client.execute(uri: "/v1/code-validations", method: .post, headers: [.contentType: "application/json"], body: body) { response in
                #expect(response.status == .ok)
                struct Batch: Decodable { let total: Int; let valid: Int; let invalid: Int; let results: [Inspection] }
                let batch = try JSONDecoder().decode(Batch.self, from: Data(response.body.readableBytesView))
                #expect(batch.total == 2)
                #expect(batch.valid == 1)
                #expect(batch.results.map(\.valid) == [true, false])
            }
        }
    }

    @Test(arguments: [
        (#"{"codes": ["9111"#, "invalid-json", 400),
        (#"{"codes": "91110000600037341L"}"#, "invalid-json", 400),
        (#"{"code": ["91110000600037341L"]}"#, "invalid-json", 400),
        (#"{"codes": []}"#, "validation-failed", 422),
        ("", "invalid-json", 400),
    ])
    func badBatchBodiesAreProblems(_ body: String, _ code: String, _ status: Int) async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: "/v1/code-validations", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: body)) { response in
                #expect(Int(response.status.code) == status)
                #expect(response.headers[.contentType] == Problem.mediaType)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.code == code)
                #expect(problem.status == status)
            }
        }
    }

    @Test func tooManyCodesInOneBatchIsAProblem() async throws {
        try await TestApp.make(maxBodyBytes: 1 << 20).test(.router) { client in
            let codes = Array(repeating: "\"91110000600037341L\"", count: 1_001).joined(separator: ",")
            try await client.execute(uri: "/v1/code-validations", method: .post, headers: [.contentType: "application/json"],
                                     body: ByteBuffer(string: "{\"codes\":[\(codes)]}")) { response in
                #expect(response.status == .unprocessableContent)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.errors?.first?.field == "/codes")
            }
        }
    }

    @Test func aNonJSONBodyIsRefused() async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: "/v1/code-validations", method: .post, headers: [.contentType: "text/plain"],
                                     body: ByteBuffer(string: "91110000600037341L")) { response in
                #expect(response.status == .unsupportedMediaType)
            }
        }
    }

    @Test func anOversizedBodyIsRefused() async throws {
        try await TestApp.make(maxBodyBytes: 1_024).test(.router) { client in
            let big = ByteBuffer(string: "{\"codes\":[\"" + String(repeating: "9", count: 2_000) + "\"]}")
            // Declared length over the limit.
            try await client.execute(uri: "/v1/code-validations", method: .post,
                                     headers: [.contentType: "application/json", .contentLength: String(big.readableBytes)], body: big) { response in
                #expect(response.status == .contentTooLarge)
                #expect(response.headers[.contentType] == Problem.mediaType)
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.code == "body-too-large")
            }
            // No declared length: the body is read up to the limit and refused.
            try await client.execute(uri: "/v1/code-validations", method: .post, headers: [.contentType: "application/json"], body: big) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }

    @Test func aCallerRequestIDIsEchoed() async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: "/nowhere", method: .get, headers: [RequestIDMiddleware<YizhaoRequestContext>.headerName: "abc-123"]) { response in
                #expect(response.headers[RequestIDMiddleware<YizhaoRequestContext>.headerName] == "abc-123")
                let problem = try JSONDecoder().decode(ProblemBody.self, from: Data(response.body.readableBytesView))
                #expect(problem.requestId == "abc-123")
            }
        }
    }

    @Test func metricsAreExposed() async throws {
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: "/v1/codes/91110000600037341L", method: .get) { _ in }
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("yizhao_code_validations_total{result=\"valid\"}"))
                #expect(text.contains("hb_requests"))
            }
        }
    }
}

/// `/openapi.json` serves docs/openapi.json, and the document names every route.
struct OpenAPITests {
    @Test func theServedDocumentIsTheOneInDocs() async throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/openapi.json")
        let expected = try String(contentsOf: file, encoding: .utf8)
        try await TestApp.make().test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) + "\n" == expected, "run scripts/embed-fixtures.sh")
                let document = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as! [String: Any]
                #expect(document["openapi"] as? String == "3.1.0")
                // Every route the server declares is documented with the same roles, and nothing else is.
                var documented: [String: [String]?] = [:]
                for (path, item) in document["paths"] as! [String: [String: Any]] {
                    for (method, operation) in item where ["get", "post", "put", "delete", "patch"].contains(method) {
                        documented["\(method.uppercased()) \(path)"] = (operation as? [String: Any])?["x-roles"] as? [String]
                    }
                }
                let routes = HTTPServer.routes(settings: HTTPSettings(), dependencies: HTTPDependencies(
                    store: try await TestApp.emptyStore(), now: { TestApp.now }, signer: TestApp.signer, snapshotDirectory: TestApp.scratchSnapshots, metrics: TestApp.metrics))
                var declared: [String: [String]?] = [:]
                for route in routes {
                    let path = route.path.split(separator: "/", omittingEmptySubsequences: false)
                        .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                    switch route.access {
                    case .open: declared["\(route.method) \(path)"] = .some(nil)
                    case .roles(let roles): declared["\(route.method) \(path)"] = roles.map(\.rawValue).sorted()
                    }
                }
                #expect(Set(documented.keys) == Set(declared.keys))
                for (key, roles) in declared { #expect(documented[key].map { $0?.sorted() } == roles, "x-roles of \(key)") }
            }
        }
    }
}
