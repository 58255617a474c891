/// GB/T 4754-2017 国民经济行业分类 (`fixtures/industries-gbt4754-2017.tsv`).
public struct IndustryTable: Sendable {
    /// One classification entry.
    public struct Entry: Sendable, Hashable {
        /// The code (`I`, `65`, `651`, `6513`).
        public let code: String
        /// Its level.
        public let level: IndustryLevel
        /// The 门类 letter it belongs to.
        public let section: String
        /// The standard's name, trimmed.
        public let name: String
        /// The 大类 (two digits) it belongs to; nil for a 门类.
        public var division: String? { level == .section ? nil : String(code.prefix(2)) }
    }

    /// Entries in tree order.
    public let entries: [Entry]
    /// Index into `entries` by `slot(of:)`, -1 where the standard has no such code: every search hit and name
    /// candidate read back checks its code here, and hashing the string was most of that check.
    private let bySlot: [Int32]
    /// Codes without a slot (none in the standard's table).
    private let byCode: [String: Int]

    /// The table compiled from the fixtures, parsed once.
    public static let standard = IndustryTable(tsv: EmbeddedFixtures.industriesTSV)

    /// Parses the TSV format described in `fixtures/README.md`.
    public init(tsv: String) {
        var entries: [Entry] = []
        var bySlot = [Int32](repeating: -1, count: Self.slotCount)
        var byCode: [String: Int] = [:]
        for fields in EmbeddedFixtures.rows(ofTSV: tsv) where fields.count >= 4 {
            guard let level = IndustryLevel(rawValue: String(fields[1])) else { continue }
            let name = fields[3].trimmingPrefixAndSuffix(while: { $0 == " " })
            let entry = Entry(code: String(fields[0]), level: level, section: String(fields[2]), name: String(name))
            if let slot = Self.slot(of: entry.code) { bySlot[slot] = Int32(entries.count) } else { byCode[entry.code] = entries.count }
            entries.append(entry)
        }
        self.entries = entries
        self.bySlot = bySlot
        self.byCode = byCode
    }

    /// The entry for `code`, if the standard has it.
    public func entry(_ code: String) -> Entry? { index(of: code).map { entries[$0] } }

    /// Whether the standard has `code` (without copying its entry).
    public func contains(_ code: String) -> Bool { index(of: code) != nil }

    private func index(of code: String) -> Int? {
        guard let slot = Self.slot(of: code) else { return byCode[code] }
        let index = bySlot[slot]
        return index < 0 ? nil : Int(index)
    }

    /// 26 门类 letters, then the 100 two-digit, 1,000 three-digit and 10,000 four-digit codes.
    static let slotCount = 26 + 100 + 1_000 + 10_000

    /// A code's place in `bySlot`: an upper-case letter, or 2–4 digits (their value after the slots of shorter codes,
    /// so that `01` and `1` differ); nil for anything else.
    static func slot(of code: String) -> Int? {
        let utf8 = code.utf8
        switch utf8.count {
        case 1:
            guard let letter = utf8.first, (0x41...0x5A).contains(letter) else { return nil }
            return Int(letter - 0x41)
        case 2...4:
            var value = 0
            for byte in utf8 {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value + (utf8.count == 2 ? 26 : utf8.count == 3 ? 126 : 1_126)
        default:
            return nil
        }
    }
}

extension Substring {
    /// The substring without leading and trailing characters matching `predicate`.
    func trimmingPrefixAndSuffix(while predicate: (Character) -> Bool) -> Substring {
        var result = self.drop(while: predicate)
        while let last = result.last, predicate(last) { result = result.dropLast() }
        return result
    }
}
