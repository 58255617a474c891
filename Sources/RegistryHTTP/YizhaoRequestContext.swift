import Hummingbird
import Logging
import RegistryStore

/// The request context of every Yizhao route.
public struct YizhaoRequestContext: RequestContext {
    /// Hummingbird's core storage (logger, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage

    /// The client's address (`IP` without the port), for per-client rate limits; nil when unknown.
    public var remoteAddress: String?

    /// Who is calling, as the authentication middleware found out.
    public var authentication: Authentication = .anonymous

    /// Creates the context for a request arriving on a channel.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The request id this request is logged under.
    public var requestID: String? {
        logger[metadataKey: RequestIDMiddleware<Self>.metadataKey]?.description
    }
}

/// The caller of a request.
public enum Authentication: Sendable {
    /// No `Authorization` header.
    case anonymous
    /// A live bearer token.
    case token(AccessToken)
    /// An `Authorization` header that names no live token (unknown, revoked or malformed).
    case invalid
}
