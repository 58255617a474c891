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
    private let byCode: [String: Int]

    /// The table compiled from the fixtures, parsed once.
    public static let standard = IndustryTable(tsv: EmbeddedFixtures.industriesTSV)

    /// Parses the TSV format described in `fixtures/README.md`.
    public init(tsv: String) {
        var entries: [Entry] = []
        var byCode: [String: Int] = [:]
        for fields in EmbeddedFixtures.rows(ofTSV: tsv) where fields.count >= 4 {
            guard let level = IndustryLevel(rawValue: String(fields[1])) else { continue }
            let name = fields[3].trimmingPrefixAndSuffix(while: { $0 == " " })
            let entry = Entry(code: String(fields[0]), level: level, section: String(fields[2]), name: String(name))
            byCode[entry.code] = entries.count
            entries.append(entry)
        }
        self.entries = entries
        self.byCode = byCode
    }

    /// The entry for `code`, if the standard has it.
    public func entry(_ code: String) -> Entry? { byCode[code].map { entries[$0] } }
}

extension Substring {
    /// The substring without leading and trailing characters matching `predicate`.
    func trimmingPrefixAndSuffix(while predicate: (Character) -> Bool) -> Substring {
        var result = self.drop(while: predicate)
        while let last = result.last, predicate(last) { result = result.dropLast() }
        return result
    }
}
