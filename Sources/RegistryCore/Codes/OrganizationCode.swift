/// An organization code (组织机构代码, GB 11714-1997): eight body characters and a check digit.
///
/// Positions 9–17 of every credit code are one. Legacy organization codes may contain the letters
/// I, O, Z, S and V that credit codes exclude; this type accepts them, as GB 11714 does.
public struct OrganizationCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The nine normalised characters, without the hyphen.
    public let rawValue: String

    /// Normalises (hyphens, spaces, full width, case) and validates `text`; throws every failed check.
    public init(validating text: String) throws(InvalidCodeError) {
        let normalized = CodeNormalizer.normalize(text)
        let findings = Self.findings(normalized: normalized)
        guard findings.isEmpty else { throw InvalidCodeError(input: text, findings: findings) }
        self.rawValue = normalized
    }

    init(uncheckedNormalized text: String) {
        self.rawValue = text
    }

    /// Every failed check of a normalised organization code.
    public static func findings(normalized: String) -> [CodeFinding] {
        let scalars = Array(normalized.unicodeScalars)
        guard scalars.count == 9 else {
            return [CodeFinding(rule: .organizationLength, positions: nil, found: String(scalars.count))]
        }
        var findings: [CodeFinding] = []
        let bytes: [UInt8] = scalars.map { $0.isASCII ? UInt8($0.value) : 0xFF }
        for index in 0..<8 where CodeAlphabet.organizationValue[Int(bytes[index])] == CodeAlphabet.absent {
            findings.append(CodeFinding(rule: .organizationCharset, positions: (index + 1)...(index + 1), found: String(scalars[index])))
        }
        let last = bytes[8]
        if !(last >= 0x30 && last <= 0x39) && last != UInt8(ascii: "X") {
            findings.append(CodeFinding(rule: .organizationCharset, positions: 9...9, found: String(scalars[8])))
        }
        if let expected = CheckCharacters.organizationCheckDigit(body: bytes[0..<8]), expected != last {
            findings.append(CodeFinding(rule: .organizationCodeCheck, positions: 9...9, found: String(scalars[8]),
                                        expected: String(Unicode.Scalar(expected))))
        }
        return findings
    }

    /// The printed form `XXXXXXXX-X`.
    public var description: String { "\(rawValue.prefix(8))-\(rawValue.suffix(1))" }

    public static func < (lhs: OrganizationCode, rhs: OrganizationCode) -> Bool { lhs.rawValue < rhs.rawValue }

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
