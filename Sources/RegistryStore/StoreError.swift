import RegistryCore

/// Why a store operation failed. Backends translate their engine's errors into these.
public enum StoreError: Error, Sendable, Hashable {
    /// No entity has this code.
    case entityNotFound(CreditCode)
    /// No name reservation has this id.
    case reservationNotFound(String)
    /// No application has this number.
    case applicationNotFound(String)
    /// No access token has this id.
    case tokenNotFound(Int64)
    /// The entity has no 经营异常名录 listing with this id.
    case abnormalListingNotFound(CreditCode, Int64)
    /// The entity has no 简易注销 notice with this id.
    case noticeNotFound(CreditCode, Int64)
    /// The application does not allow the transition.
    case application(ApplicationError)
    /// An `Idempotency-Key` was reused with a different request.
    case idempotencyKeyReused(String)
    /// A write failed on purpose (fault injection in tests).
    case injected(CompletionStep)
    /// A unique value is taken (a code, a subject identifier…); names the constraint.
    case conflict(String)
    /// The database was migrated by a newer Yizhao: these migration ids are unknown here.
    case unknownMigrations([String])
    /// The database has not been migrated (run `yizhao migrate`).
    case notMigrated(pending: [String])
    /// The operation is not allowed in the entity's current state.
    case invalidState(String)
    /// The code sequence is exhausted for allocation.
    case sequenceExhausted
    /// The engine failed (I/O, corruption, locking); the message is for operators.
    case backend(String)
}

extension StoreError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .entityNotFound(let code): "no entity with code \(code)"
        case .reservationNotFound(let id): "no name reservation with id \(id)"
        case .applicationNotFound(let number): "no application with number \(number)"
        case .tokenNotFound(let id): "no access token with id \(id)"
        case .abnormalListingNotFound(let code, let id): "\(code) has no 经营异常名录 listing \(id)"
        case .noticeNotFound(let code, let id): "\(code) has no 简易注销 notice \(id)"
        case .application(let error): error.description
        case .idempotencyKeyReused(let key): "the Idempotency-Key \(key) was used for a different request"
        case .injected(let step): "injected fault before the \(step.rawValue) write"
        case .conflict(let what): "conflict: \(what)"
        case .unknownMigrations(let ids): "the database was migrated by a newer version (unknown migrations: \(ids.joined(separator: ", ")))"
        case .notMigrated(let pending): "the database is not migrated (pending: \(pending.joined(separator: ", "))); run `yizhao migrate`"
        case .invalidState(let message): message
        case .sequenceExhausted: "the code sequence is exhausted"
        case .backend(let message): "storage failure: \(message)"
        }
    }
}
