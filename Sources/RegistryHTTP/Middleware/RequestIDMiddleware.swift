import HTTPTypes
import Hummingbird
import Logging

/// Gives each request an id: the caller's `X-Request-Id` when it is well-formed, else Hummingbird's.
/// The id goes into every log line of the request (`request_id`) and back in the response header.
public struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The logger metadata key.
    public static var metadataKey: String { "request_id" }
    /// The header carrying the id both ways.
    public static var headerName: HTTPField.Name { HTTPField.Name("X-Request-Id")! }

    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let id = request.headers[Self.headerName].flatMap(Self.accepted) ?? context.id
        context.logger[metadataKey: Self.metadataKey] = .string(id)
        var response = try await next(request, context)
        response.headers[Self.headerName] = id
        return response
    }

    /// A caller-supplied id is kept if it is 1–128 characters of `A-Z a-z 0-9 . _ -`.
    static func accepted(_ value: String) -> String? {
        guard (1...128).contains(value.utf8.count) else { return nil }
        let ok = value.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == 0x2E || byte == 0x5F || byte == 0x2D
        }
        return ok ? value : nil
    }
}
