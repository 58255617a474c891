import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RegistryService

/// An RFC 9457 problem detail, served as `application/problem+json` with a stable `code`.
public struct Problem: Error, Sendable, HTTPResponseError {
    /// HTTP status.
    public var status: HTTPResponse.Status
    /// Stable machine-readable code, e.g. `invalid-json`; also the last segment of `type`.
    public var code: String
    /// Short human summary, the same for every occurrence of `code`.
    public var title: String
    /// What went wrong this time.
    public var detail: String
    /// Field-level errors, for validation problems that report every error at once.
    public var errors: [FieldError]
    /// Extra headers (e.g. `Retry-After`, `Allow`).
    public var headers: HTTPFields
    /// For a name that cannot be reserved: the full check (verdict, findings, conflicts, parse).
    public var check: NameCheckView?

    /// One invalid field of a request.
    public struct FieldError: Sendable, Codable, Hashable {
        /// JSON pointer or parameter name of the field.
        public var field: String
        /// Stable code of the error.
        public var code: String
        /// What is wrong.
        public var message: String

        /// Creates a field error.
        public init(field: String, code: String, message: String) {
            self.field = field
            self.code = code
            self.message = message
        }
    }

    /// Creates a problem.
    public init(_ status: HTTPResponse.Status, code: String, title: String, detail: String,
                errors: [FieldError] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers
        self.check = nil
    }

    /// The media type of problem documents.
    public static let mediaType = "application/problem+json"

    /// The serialized form (Decodable too, so tests read problems through this one definition).
    struct Document: Codable {
        let type: String
        let title: String
        let status: Int
        let detail: String
        let code: String
        let instance: String?
        let requestId: String?
        let errors: [FieldError]?
        let check: NameCheckView?
    }

    /// The response for this problem to `request`, tagged with the request id.
    func response(path: String?, requestID: String?) -> Response {
        let document = Document(
            type: "https://yizhao.example/problems/\(code)", title: title, status: Int(status.code),
            detail: detail, code: code, instance: path, requestId: requestID, errors: errors.isEmpty ? nil : errors,
            check: check)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{\"code\":\"internal\"}".utf8)
        var headers = self.headers
        headers[.contentType] = Self.mediaType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response(path: request.uri.path, requestID: context.logger[metadataKey: RequestIDMiddleware<YizhaoRequestContext>.metadataKey]?.description)
    }
}

extension Problem {
    /// 400 for a request that is not well-formed JSON or has the wrong types.
    static func invalidJSON(_ detail: String) -> Problem {
        Problem(.badRequest, code: "invalid-json", title: "The request body is not valid JSON for this endpoint", detail: detail)
    }

    /// 400 for a bad query or path parameter.
    static func invalidParameter(_ name: String, _ detail: String) -> Problem {
        Problem(.badRequest, code: "invalid-parameter", title: "A request parameter is invalid", detail: detail,
                errors: [FieldError(field: name, code: "invalid", message: detail)])
    }

    /// 413 for a body over the limit.
    static func bodyTooLarge(limit: Int) -> Problem {
        Problem(.contentTooLarge, code: "body-too-large", title: "The request body is too large",
                detail: "Request bodies are limited to \(limit) bytes.")
    }

    /// 415 for a body that is not JSON.
    static func unsupportedMediaType(_ found: String) -> Problem {
        Problem(.unsupportedMediaType, code: "unsupported-media-type", title: "The request body must be JSON",
                detail: "Content-Type '\(found)' is not accepted; send application/json.")
    }
}
