/// GB/T 2260 administrative divisions with their history (`fixtures/regions-gbt2260.tsv`).
public struct RegionTable: Sendable {
    /// One name period of a code.
    public struct Row: Sendable, Hashable {
        /// Six-digit code.
        public let code: Int
        /// The division's name in that period.
        public let name: String
        /// First year of the period, nil if before the source's coverage.
        public let validFrom: Int?
        /// Last year of the period, nil if still in use.
        public let validTo: Int?
        /// Whether the period is current.
        public var isCurrent: Bool { validTo == nil }
        /// Statistical grouping rows (市辖区, 省直辖县级行政单位) are not authorities or name regions.
        public var isGrouping: Bool { name == "市辖区" || name == "省直辖县级行政单位" }
    }

    /// Every row, in file order (sorted by code).
    public let rows: [Row]
    /// One bit per six-digit number: set when the code appears in any period.
    private let anyPeriod: [UInt64]
    /// Current rows by code.
    private let currentByCode: [Int: Row]

    /// The table compiled from `fixtures/regions-gbt2260.tsv`, parsed once.
    public static let standard = RegionTable(tsv: EmbeddedFixtures.regionsTSV)

    /// Parses the TSV format described in `fixtures/README.md`.
    public init(tsv: String) {
        var rows: [Row] = []
        var bits = [UInt64](repeating: 0, count: 1_000_000 / 64 + 1)
        var current: [Int: Row] = [:]
        for fields in EmbeddedFixtures.rows(ofTSV: tsv) where fields.count >= 4 {
            guard let code = Int(fields[0]), (0..<1_000_000).contains(code) else { continue }
            let row = Row(code: code, name: String(fields[1]), validFrom: Int(fields[2]), validTo: Int(fields[3]))
            rows.append(row)
            bits[code >> 6] |= 1 << UInt64(code & 63)
            if row.isCurrent { current[code] = row }
        }
        self.rows = rows
        self.anyPeriod = bits
        self.currentByCode = current
    }

    /// Whether `code` appears in any period (credit codes keep the region of their issue).
    @inline(__always)
    public func containsInAnyPeriod(_ code: Int) -> Bool {
        guard code >= 0, code < 1_000_000 else { return false }
        return anyPeriod[code >> 6] & (1 << UInt64(code & 63)) != 0
    }

    /// The current row of `code`, if the code is in use today.
    public func current(_ code: Int) -> Row? { currentByCode[code] }

    /// The name of `code`: the current name, else the latest former name.
    public func name(of code: Int) -> String? {
        if let row = currentByCode[code] { return row.name }
        return rows.last { $0.code == code }?.name
    }

    /// Current, non-grouping rows whose code starts with the digits of `prefix` (e.g. 43 or 4301).
    public func currentRows(underPrefix prefix: Int, digits: Int) -> [Row] {
        var divisor = 1
        for _ in 0..<(6 - digits) { divisor *= 10 }
        return rows.filter { $0.isCurrent && !$0.isGrouping && $0.code / divisor == prefix }
    }
}
