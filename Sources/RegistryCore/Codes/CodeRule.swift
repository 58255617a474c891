/// The stable ids of the checks a code can fail (`domain/codes.md` §7).
public enum CodeRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not 18 characters after normalisation (credit code).
    case length = "U-LENGTH"
    /// A character outside the 31-character alphabet.
    case charset = "U-CHARSET"
    /// Position 1 is not a registration-authority code.
    case authority = "U-AUTHORITY"
    /// Position 2 is not a category of that authority.
    case category = "U-CATEGORY"
    /// Positions 3–8 are not a GB/T 2260 region code of any period.
    case region = "U-REGION"
    /// Position 17 is not the GB 11714 check digit of positions 9–16.
    case organizationCheck = "U-ORG-CHECK"
    /// Position 18 is not the GB 32100 check character of positions 1–17.
    case checkCharacter = "U-CHECK-CHAR"
    /// An organization code is not 9 characters after normalisation.
    case organizationLength = "O-LENGTH"
    /// An organization code holds a character outside its set.
    case organizationCharset = "O-CHARSET"
    /// An organization code's check digit is wrong.
    case organizationCodeCheck = "O-CHECK"
}

/// One failed check, with where it failed and, for check characters, what was expected.
public struct CodeFinding: Sendable, Hashable, Codable {
    /// Which check failed.
    public let rule: CodeRule
    /// First and last 1-based position the finding concerns (nil for length findings).
    public let positions: ClosedRange<Int>?
    /// The offending text at those positions (or the whole length for length findings).
    public let found: String
    /// The expected value, when the check computes one.
    public let expected: String?

    /// Creates a finding.
    public init(rule: CodeRule, positions: ClosedRange<Int>?, found: String, expected: String? = nil) {
        self.rule = rule
        self.positions = positions
        self.found = found
        self.expected = expected
    }

    /// The 1-based position text: `18` or `3-8`.
    public var positionText: String? {
        positions.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
    }

    /// A one-line English explanation, stable for scripts: `U-CHECK-CHAR at 18: expected L, found N`.
    public var message: String {
        let location = positionText.map { " at \($0)" } ?? ""
        let detail: String
        switch rule {
        case .length: detail = "length \(found), expected 18"
        case .organizationLength: detail = "length \(found), expected 9"
        case .charset: detail = "'\(found)' is not in the code alphabet"
        case .organizationCharset: detail = "character '\(found)' is not allowed"
        case .authority: detail = "'\(found)' is not a registration-authority code (1-9, A, N, Y)"
        case .category: detail = "'\(found)' is not an entity category of authority \(expected ?? "?")"
        case .region: detail = "'\(found)' is not a GB/T 2260 region code of any period"
        case .organizationCheck, .checkCharacter, .organizationCodeCheck:
            detail = "expected \(expected ?? "?"), found \(found)"
        }
        return "\(rule.rawValue)\(location): \(detail)"
    }
}
