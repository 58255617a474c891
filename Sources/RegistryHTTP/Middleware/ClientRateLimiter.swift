import Synchronization

/// Per-client token buckets for the public endpoints (SPEC §6): each client may make `burst` requests at
/// once and `perSecond` on average. Time comes from the injected `now` (seconds), so tests drive it.
public final class ClientRateLimiter: Sendable {
    /// The answer for one request.
    public enum Decision: Sendable, Equatable {
        /// Go ahead.
        case allowed
        /// Refused; try again after this many whole seconds (at least 1).
        case limited(retryAfter: Int)
    }

    struct Bucket {
        var tokens: Double
        var updated: Double
    }

    /// Average requests per second per client.
    public let perSecond: Double
    /// Requests a client may make at once.
    public let burst: Double
    /// Clients remembered at most; past that, buckets that have refilled completely are forgotten (a full
    /// bucket is what a new client gets anyway), and if that frees less than a tenth, all are (a flood of
    /// new addresses must not make every request sweep the whole table): memory and work stay bounded.
    public let maximumClients: Int
    private let now: @Sendable () -> Double
    private let buckets = Mutex<[String: Bucket]>([:])

    /// Creates a limiter.
    public init(perSecond: Double, burst: Int, maximumClients: Int = 100_000, now: @escaping @Sendable () -> Double) {
        self.perSecond = perSecond
        self.burst = Double(max(burst, 1))
        self.maximumClients = maximumClients
        self.now = now
    }

    /// Takes a token for `client`, or says how long to wait.
    public func take(for client: String) -> Decision {
        let time = now()
        return buckets.withLock { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: burst, updated: time)
            bucket.tokens = min(burst, bucket.tokens + max(0, time - bucket.updated) * perSecond)
            bucket.updated = time
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                decision = .allowed
            } else {
                decision = .limited(retryAfter: max(1, Int(((1 - bucket.tokens) / perSecond).rounded(.up))))
            }
            buckets[client] = bucket
            if buckets.count > maximumClients {
                buckets = buckets.filter { $0.value.tokens + (time - $0.value.updated) * perSecond < burst }
                if buckets.count > maximumClients * 9 / 10 { buckets.removeAll(keepingCapacity: true) }
            }
            return decision
        }
    }

    /// How many clients are remembered (for tests and metrics).
    public var clientCount: Int { buckets.withLock { $0.count } }
}
