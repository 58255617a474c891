import Foundation
import Hummingbird
import Logging

/// Encodes DTOs with stable key order, and decodes request bodies strictly.
enum JSONBody {
    /// A JSON response with sorted keys.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A JSON response of bytes already written (keys sorted by the writer).
    static func response(bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Decodes a JSON request body, insisting on a JSON media type when one is declared.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        try JSONDecoder().decode(T.self, from: try await data(from: request, context: context))
    }

    /// The bytes of a JSON request body (for bodies read as more than one DTO), insisting on a JSON media
    /// type when one is declared.
    static func data(from request: Request, context: some RequestContext) async throws -> Data {
        if let contentType = request.headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
            throw Problem.unsupportedMediaType(contentType)
        }
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { throw Problem.invalidJSON("The request body is empty.") }
        return Data(buffer.readableBytesView)
    }
}
