/// The result of validating one input as a credit code: the normalised text and every finding.
public struct CodeValidation: Sendable, Hashable {
    /// The text as given.
    public let input: String
    /// The text after normalisation.
    public let normalized: String
    /// Every failed check, in position order; empty when valid.
    public let findings: [CodeFinding]

    /// Whether every check passed.
    public var isValid: Bool { findings.isEmpty }

    /// The valid code, when there is one.
    public var code: CreditCode? { isValid ? CreditCode(uncheckedNormalized: normalized) : nil }

    /// `reason[; reason…]`: the CLI's reason column.
    public var reasons: String { findings.map(\.message).joined(separator: "; ") }
}

/// Thrown when text is parsed as a code and fails a check; carries every finding.
public struct InvalidCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text as given.
    public let input: String
    /// Every failed check.
    public let findings: [CodeFinding]

    /// Creates the error.
    public init(input: String, findings: [CodeFinding]) {
        self.input = input
        self.findings = findings
    }

    /// `invalid code 'X': reason; reason`.
    public var description: String {
        "invalid code '\(input)': " + findings.map(\.message).joined(separator: "; ")
    }
}
