import Hummingbird
import Logging

/// Turns every error that leaves a route into an `application/problem+json` response.
///
/// Known errors map through `ProblemMapping`; anything else is logged with the request id and
/// answered with a generic 500 that leaks no internals.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Creates the middleware.
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let requestID = context.logger[metadataKey: RequestIDMiddleware<Context>.metadataKey]?.description
            if let problem = ProblemMapping.problem(for: error) {
                if problem.status.kind == .serverError {
                    context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
                }
                return problem.response(path: request.uri.path, requestID: requestID)
            }
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            let problem = Problem(.internalServerError, code: "internal", title: "Internal error",
                                  detail: "The server failed to handle the request; quote the request id when reporting it.")
            return problem.response(path: request.uri.path, requestID: requestID)
        }
    }
}
