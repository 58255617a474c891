import Foundation
import HTTPTypes
import Hummingbird
import RegistryService
import RegistryStore

/// `Idempotency-Key` on mutating routes: a retried request with the same key returns the first reply (marked
/// `Idempotent-Replayed: true`) and writes nothing; the same key with a different request is refused.
enum IdempotencyHeader {
    static let name = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    /// The key of `request` within `scope` (the caller), fingerprinted with the method, path and body; nil
    /// when the header is absent.
    static func key(_ request: Request, body: Data, scope: String) throws -> IdempotencyKey? {
        guard let value = request.headers[name] else { return nil }
        guard (1...200).contains(value.utf8.count), value.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw Problem.invalidParameter("Idempotency-Key", "The Idempotency-Key header must be 1–200 visible ASCII characters.")
        }
        var material = Array("\(request.method.rawValue) \(request.uri.path)\n".utf8)
        material += body
        return IdempotencyKey(scope: scope, key: value, fingerprint: Fingerprint.sha256Hex(material))
    }

    /// The request's key within its caller's scope paired with `render`, or nil without the header.
    static func idempotent<Value>(_ request: Request, _ context: YizhaoRequestContext, body: Data,
                                  render: @escaping @Sendable (Value) throws -> RecordedReply) throws -> Idempotent<Value>? {
        let scope = context.token.map { "token:\($0.id)" } ?? "public"
        return try key(request, body: body, scope: scope).map { Idempotent(key: $0, render: render) }
    }

    /// A stored reply for `value` with `status` (and `Location`).
    static func reply(_ value: some Encodable, status: HTTPResponse.Status, location: String? = nil) throws -> RecordedReply {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return RecordedReply(status: Int(status.code), body: Array(try encoder.encode(value)), location: location)
    }

    /// The response of a mutation: rendered now, or the recorded first reply.
    static func response<Value>(_ result: Replayable<Value>, render: (Value) throws -> RecordedReply) throws -> Response {
        switch result {
        case .fresh(let value): return response(try render(value), replayed: false)
        case .replayed(let reply): return response(reply, replayed: true)
        }
    }

    static func response(_ reply: RecordedReply, replayed: Bool) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let location = reply.location { headers[.location] = location }
        if replayed { headers[Self.replayed] = "true" }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }
}
