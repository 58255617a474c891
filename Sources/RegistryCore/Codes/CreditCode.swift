/// A unified social credit code (统一社会信用代码, GB 32100-2015) that passed every check.
public struct CreditCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The 18 normalised characters.
    public let rawValue: String

    /// Normalises and validates `text`; throws every failed check.
    public init(validating text: String, with validator: CreditCodeValidator = .standard) throws(InvalidCodeError) {
        // Fast path: text that is already 18 normalised, valid characters (codes read back from
        // storage, most user input) needs no normalisation and no report.
        var copy = text
        if copy.utf8.count == 18, copy.withUTF8({ validator.isValid(normalized: $0) }) {
            self.rawValue = text
            return
        }
        let result = validator.validate(text)
        guard result.isValid else { throw InvalidCodeError(input: text, findings: result.findings) }
        self.rawValue = result.normalized
    }

    /// Wraps text already known to be a normalised valid code (validation results, the allocator).
    init(uncheckedNormalized text: String) {
        self.rawValue = text
    }

    /// The code.
    public var description: String { rawValue }

    /// Position 1: the registration-authority code (`9` for market regulation).
    public var authorityCharacter: Character { rawValue.first! }
    /// Position 2: the entity category.
    public var categoryCharacter: Character { rawValue.dropFirst().first! }
    /// Positions 3–8: the region of the registering authority at issue.
    public var region: RegionCode {
        RegionCode(uncheckedValue: rawValue.utf8.dropFirst(2).prefix(6).reduce(0) { $0 * 10 + Int($1 - 0x30) })
    }
    /// Positions 9–17: the 主体标识码, i.e. the organization code with its check digit.
    public var organizationCode: OrganizationCode {
        OrganizationCode(uncheckedNormalized: String(rawValue.dropFirst(8).prefix(9)))
    }

    public static func < (lhs: CreditCode, rhs: CreditCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(validating: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
