/// A GB/T 4754-2017 industry code present in the table: a 门类 letter, or a 2-, 3- or 4-digit code.
public struct IndustryCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The code as written in the standard (`I`, `65`, `651`, `6513`).
    public let rawValue: String

    /// Accepts a code present in `table`; nil otherwise.
    public init?(_ text: some StringProtocol, in table: IndustryTable = .standard) {
        self.init(String(text), in: table)
    }

    /// Accepts a code present in `table`; nil otherwise. (Not generic, as `RegionCode.init(_:in:)`.)
    public init?(_ text: String, in table: IndustryTable = .standard) {
        // Codes are digits or one 门类 letter: upper-case only when there is a lower-case letter.
        let code = text.utf8.contains(where: { (0x61...0x7A).contains($0) }) ? text.uppercased() : text
        guard table.contains(code) else { return nil }
        self.rawValue = code
    }

    /// The code.
    public var description: String { rawValue }

    public static func < (lhs: IndustryCode, rhs: IndustryCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = IndustryCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown GB/T 4754 code \(text)"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The four levels of GB/T 4754.
public enum IndustryLevel: String, Sendable, Codable {
    /// 门类 (a letter)
    case section = "门类"
    /// 大类 (two digits)
    case division = "大类"
    /// 中类 (three digits)
    case group = "中类"
    /// 小类 (four digits)
    case industryClass = "小类"
}

extension IndustryCode {
    /// The GB/T 4754 section letter.
    public var section: Character {
        (IndustryTable.standard.entry(rawValue)?.section).flatMap(\.first) ?? rawValue.first ?? "?"
    }
}
