import RegistryCore
import RegistryStore

/// Why a name request failed. Mapped once per edge (HTTP problem, CLI exit code).
public enum NameDeskError: Error, Sendable, Hashable {
    /// The request's fields are invalid; every problem is listed (field, message).
    case invalidRequest([FieldProblem])
    /// The name cannot be reserved: the check's verdict is `rejected` or `blocked`.
    case notReservable(NameCheckResult)
    /// The check warns and the applicant has not given the commitment to bear the risk (办法 第22条).
    case commitmentRequired(NameCheckResult)
    /// No reservation has this id.
    case reservationNotFound(String)
    /// The store failed.
    case store(StoreError)

    /// One invalid field.
    public struct FieldProblem: Sendable, Hashable {
        /// The field (`name`, `type`, `industry`, `authority`, `parent`, `related`, `applicant`).
        public var field: String
        /// What is wrong.
        public var message: String

        /// Creates a problem.
        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }
}

extension NameDeskError {
    /// The store's error, when the store failed.
    public var storeError: StoreError? {
        if case .store(let error) = self { return error }
        return nil
    }
}
