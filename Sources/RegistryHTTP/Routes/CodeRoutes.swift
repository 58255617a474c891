import Foundation
import Hummingbird
import Logging
import Metrics
import RegistryCore
import RegistryService

/// `GET /v1/codes/{code}` and `POST /v1/code-validations` (public).
struct CodeRoutes: Sendable {
    let desk: CodeDesk

    func register(on routes: inout RouteTable) {
        routes.get("/v1/codes/:code", .open) { request, context in
            try inspect(request, context: context)
        }
        routes.post("/v1/code-validations", .open) { request, context in
            try await validateBatch(request, context: context)
        }
    }

    func inspect(_ request: Request, context: YizhaoRequestContext) throws -> Response {
        let raw = context.parameters.get("code") ?? ""
        guard let decoded = raw.removingPercentEncoding else {
            throw Problem.invalidParameter("code", "The path segment is not valid percent-encoded UTF-8.")
        }
        let inspection = try desk.inspect(decoded)
        Self.count([inspection])
        return try JSONBody.response(CodeInspectionDTO(inspection))
    }

    func validateBatch(_ request: Request, context: YizhaoRequestContext) async throws -> Response {
        let body = try await JSONBody.decode(CodeBatchRequestDTO.self, from: request, context: context)
        let results = try desk.inspect(batch: body.codes)
        Self.count(results)
        let valid = results.filter(\.validation.isValid).count
        return try JSONBody.response(CodeBatchResponseDTO(
            total: results.count, valid: valid, invalid: results.count - valid, results: results.map(CodeInspectionDTO.init)))
    }

    /// `yizhao_code_validations_total{result="valid"|"invalid"}`.
    static func count(_ results: [CodeInspection]) {
        let valid = results.filter(\.validation.isValid).count
        if valid > 0 { Counter(label: "yizhao_code_validations_total", dimensions: [("result", "valid")]).increment(by: valid) }
        if valid < results.count {
            Counter(label: "yizhao_code_validations_total", dimensions: [("result", "invalid")]).increment(by: results.count - valid)
        }
    }
}
