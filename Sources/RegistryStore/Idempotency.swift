/// A client's `Idempotency-Key` for one mutation: the key, the scope it is unique in (the caller and the
/// route) and a fingerprint of the request, so that a reused key with a different request is refused.
public struct IdempotencyKey: Sendable, Hashable {
    /// Caller and route, e.g. `token:12 POST /v1/applications`.
    public var scope: String
    /// The client's key.
    public var key: String
    /// SHA-256 of the request (method, path, body).
    public var fingerprint: String

    /// Creates a key.
    public init(scope: String, key: String, fingerprint: String) {
        self.scope = scope
        self.key = key
        self.fingerprint = fingerprint
    }
}

/// The first reply to an idempotent request, stored with the mutation in the same transaction.
public struct RecordedReply: Sendable, Hashable {
    /// HTTP status.
    public var status: Int
    /// The body bytes.
    public var body: [UInt8]
    /// The `Location` header, if any.
    public var location: String?

    /// Creates a reply.
    public init(status: Int, body: [UInt8], location: String?) {
        self.status = status
        self.body = body
        self.location = location
    }
}

/// An idempotent mutation's key and how its result is rendered for storage.
public struct Idempotent<Value: Sendable>: Sendable {
    /// The key.
    public var key: IdempotencyKey
    /// Renders the mutation's result as the reply to store (called inside the transaction); nil stores nothing
    /// (an outcome that is a refusal, which a retry should meet afresh).
    public var render: @Sendable (Value) throws -> RecordedReply?

    /// Creates the pair.
    public init(key: IdempotencyKey, render: @escaping @Sendable (Value) throws -> RecordedReply?) {
        self.key = key
        self.render = render
    }
}

/// The result of a possibly retried mutation.
public enum Replayable<Value: Sendable>: Sendable {
    /// The mutation ran now.
    case fresh(Value)
    /// The key was seen before: the first reply, and nothing was written.
    case replayed(RecordedReply)

    /// The value of a call made without a key (which never replays).
    public var freshValue: Value {
        get throws(StoreError) {
            guard case .fresh(let value) = self else { throw StoreError.backend("a call without an idempotency key replayed") }
            return value
        }
    }
}
