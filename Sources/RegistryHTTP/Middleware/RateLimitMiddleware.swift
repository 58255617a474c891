import HTTPTypes
import Hummingbird
import Metrics

/// Rate-limits the public API (`/v1/…`) per client with `ClientRateLimiter`; a refused request gets a
/// 429 `rate-limited` problem with `Retry-After`. Health, metrics and the OpenAPI document are not limited,
/// nor are callers with a live token (staff of the registry).
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = YizhaoRequestContext

    let limiter: ClientRateLimiter
    /// Take the client from the first `X-Forwarded-For` address (only behind a trusted proxy).
    let trustForwardedFor: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/v1/"), context.token == nil else { return try await next(request, context) }
        var client = context.remoteAddress ?? "unknown"
        if trustForwardedFor, let forwarded = request.headers[.init("X-Forwarded-For")!]?.split(separator: ",").first {
            client = forwarded.trimmingPrefixAndSuffixSpaces()
        }
        if case .limited(let seconds) = limiter.take(for: client) {
            Counter(label: "yizhao_rate_limited_total").increment()
            throw Problem(.tooManyRequests, code: "rate-limited", title: "Too many requests",
                          detail: "This client made too many requests; try again in \(seconds) s.",
                          headers: [.retryAfter: String(seconds)])
        }
        return try await next(request, context)
    }
}

extension Substring {
    /// Without leading and trailing spaces.
    func trimmingPrefixAndSuffixSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
