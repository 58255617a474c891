/// A six-digit GB/T 2260 administrative division code that appears in the region table (any period).
public struct RegionCode: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The code as an integer, 100000–999999.
    public let value: Int

    /// Accepts six digits that appear in `table` in any period; nil otherwise.
    public init?(_ text: some StringProtocol, in table: RegionTable = .standard) {
        self.init(String(text), in: table)
    }

    /// Accepts six digits that appear in `table` in any period; nil otherwise. (Not generic: rows read back and
    /// search hits parse a region code each, and the generic version is not specialised across modules.)
    public init?(_ text: String, in table: RegionTable = .standard) {
        guard text.utf8.count == 6, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int(text), table.containsInAnyPeriod(value)
        else { return nil }
        self.value = value
    }

    /// Accepts a code known to `table` in any period; nil otherwise.
    public init?(value: Int, in table: RegionTable = .standard) {
        guard table.containsInAnyPeriod(value) else { return nil }
        self.value = value
    }

    /// Wraps a value the caller has already checked (positions 3–8 of a validated code).
    init(uncheckedValue value: Int) {
        self.value = value
    }

    /// Six digits.
    public var description: String { String(value) }

    /// The province-level code (`xx0000`).
    public var province: Int { value / 10_000 * 10_000 }
    /// The prefecture-level code (`xxxx00`).
    public var prefecture: Int { value / 100 * 100 }
    /// The level implied by the code's shape.
    public var level: RegionLevel {
        if value % 10_000 == 0 { return .province }
        if value % 100 == 0 { return .prefecture }
        return .county
    }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = RegionCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown region code \(text)"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The administrative level read from a code's shape.
public enum RegionLevel: String, Sendable, Codable {
    case province, prefecture, county
}
