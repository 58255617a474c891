import Hummingbird
import Logging

/// The request context of every Yizhao route.
public struct YizhaoRequestContext: RequestContext {
    /// Hummingbird's core storage (logger, parameters, endpoint path).
    public var coreContext: CoreRequestContextStorage

    /// Creates the context for a request arriving on a channel.
    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    /// The request id this request is logged under.
    public var requestID: String? {
        logger[metadataKey: RequestIDMiddleware<Self>.metadataKey]?.description
    }
}
