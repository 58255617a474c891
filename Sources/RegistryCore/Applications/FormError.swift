/// One invalid field of a submitted form, named by its JSON pointer (`/market/domicile`).
public struct FormError: Sendable, Hashable, Codable {
    /// JSON pointer of the field.
    public var field: String
    /// Stable code: `required`, `invalid`, `too-long`, `not-allowed`, `mismatch`…
    public var code: String
    /// What is wrong, in English.
    public var message: String

    /// Creates an error.
    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

/// Every invalid field of a form at once (一次性告知, 条例 第19条).
public struct FormErrors: Error, Sendable, Hashable {
    /// The errors, in form order.
    public var errors: [FormError]

    /// Creates the list.
    public init(_ errors: [FormError]) { self.errors = errors }
}
