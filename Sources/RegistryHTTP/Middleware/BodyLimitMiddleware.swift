import HTTPTypes
import Hummingbird
import Logging

/// Refuses request bodies over a byte limit before any handler sees them.
///
/// A declared `Content-Length` over the limit is refused at once; a body without one (chunked) is
/// read up to the limit and refused if it goes over. Accepted bodies are handed on already collected.
public struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The largest accepted body, in bytes.
    public let maxBytes: Int

    /// Creates the middleware.
    public init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > maxBytes {
            throw Problem.bodyTooLarge(limit: maxBytes)
        }
        guard request.method == .post || request.method == .put || request.method == .patch
            || request.headers[.contentLength] != nil || request.headers[.transferEncoding] != nil
        else {
            return try await next(request, context)
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBytes)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            // NIO's NIOTooManyBytesError arrives here as an HTTPResponseError with status 413.
            throw Problem.bodyTooLarge(limit: maxBytes)
        }
        request.body = .init(buffer: buffer)
        return try await next(request, context)
    }
}
