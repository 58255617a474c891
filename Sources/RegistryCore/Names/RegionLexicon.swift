/// Region names as they appear in enterprise names: full names and short forms of GB/T 2260
/// divisions (`domain/names.md` §1 step 4, §2), built once from `RegionTable`.
public struct RegionLexicon: Sendable {
    /// The level of a division.
    public enum Level: Int, Sendable, Hashable, Comparable {
        /// 省级 (province, autonomous region, municipality).
        case province = 1
        /// 地级 (city, prefecture, autonomous prefecture, league).
        case prefecture = 2
        /// 县级 (county, district, county-level city, banner).
        case county = 3

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One way of writing one division.
    public struct Entry: Sendable, Hashable {
        /// The division's code.
        public let code: Int
        /// Its full name in the period the entry comes from (`长沙市`, `宁乡县`).
        public let fullName: String
        /// The division's level.
        public let level: Level
        /// Whether the name is in use today (former names are recognised only to be refused).
        public let isCurrent: Bool
        /// A 市辖区 (a district that must follow its city in a name).
        public let isDistrict: Bool

        /// The code of the division that contains this one at `level` (itself at its own level).
        public func ancestor(at level: Level) -> Int {
            switch level {
            case .province: code / 10_000 * 10_000
            case .prefecture: code / 100 * 100
            case .county: code
            }
        }
    }

    /// Longest written form, in characters.
    public let longest: Int
    private let byText: [String: [Entry]]
    private let currentByShortForm: [String: Entry]

    /// The lexicon of the standard region table, built once.
    public static let standard = RegionLexicon(table: .standard)

    /// Builds the lexicon from `table`'s rows (grouping rows and the national row excluded).
    public init(table: RegionTable) {
        var byText: [String: [Entry]] = [:]
        var currentByShortForm: [String: Entry] = [:]
        let currentCities = Set(table.rows.filter { $0.isCurrent && $0.code % 100 == 0 && $0.code % 10_000 != 0 }.map(\.code))
        for row in table.rows where !row.isGrouping && row.code != 100_000 {
            let level: Level = row.code % 10_000 == 0 ? .province : row.code % 100 == 0 ? .prefecture : .county
            let district = level == .county && row.name.hasSuffix("区")
                && (currentCities.contains(row.code / 100 * 100) || [11, 12, 31, 50].contains(row.code / 10_000))
            let entry = Entry(code: row.code, fullName: row.name, level: level, isCurrent: row.isCurrent, isDistrict: district)
            if row.isCurrent {
                byText[row.name, default: []].append(entry)
                if let short = Self.shortForm(of: row.name, level: level), short != row.name {
                    byText[short, default: []].append(entry)
                    if let existing = currentByShortForm[short], existing.level <= level { continue }
                    currentByShortForm[short] = entry
                }
            } else if row.name.count >= 3 {
                byText[row.name, default: []].append(entry)
            }
        }
        // A text that names a current division never also means a former one.
        for (text, entries) in byText where entries.contains(where: \.isCurrent) {
            byText[text] = entries.filter(\.isCurrent)
        }
        self.byText = byText
        self.currentByShortForm = currentByShortForm
        self.longest = byText.keys.map(\.count).max() ?? 0
    }

    /// The divisions `text` names (full or short form), higher levels first.
    public func entries(named text: some StringProtocol) -> [Entry] {
        (byText[String(text)] ?? []).sorted { ($0.level, $0.code) < ($1.level, $1.code) }
    }

    /// Whether `text` is a current region name or short form.
    public func isCurrentRegionName(_ text: String) -> Bool {
        byText[text]?.contains(where: \.isCurrent) ?? false
    }

    /// The current division sharing a former name's short form (`宁乡县` → `宁乡市`), for suggestions.
    public func currentSuccessor(of former: Entry) -> Entry? {
        guard let short = Self.shortForm(of: former.fullName, level: former.level) else { return nil }
        return currentByShortForm[short]
    }

    /// Ethnic group names, for short forms of autonomous divisions (湘西土家族苗族自治州 → 湘西).
    static let ethnicGroups = ["蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家",
                               "哈尼", "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇",
                               "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
                               "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙",
                               "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各"]

    /// The short form of a division name: 省/市/自治区/特别行政区 dropped for provinces, the ethnic part
    /// of autonomous divisions dropped, 县/区/市/旗 dropped at county level while two characters remain.
    static func shortForm(of name: String, level: Level) -> String? {
        var text = name
        for suffix in ["特别行政区", "自治区", "自治州", "自治县", "自治旗"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            var stripped = true
            while stripped {
                stripped = false
                if text.hasSuffix("族") {
                    let body = text.dropLast()
                    if let group = ethnicGroups.filter({ body.hasSuffix($0) }).max(by: { $0.count < $1.count }) {
                        text = String(body.dropLast(group.count))
                        stripped = true
                    }
                }
            }
            return text.count >= 2 ? text : nil
        }
        let suffixes: [String] = switch level {
        case .province: ["省", "市"]
        case .prefecture: ["市", "地区", "盟"]
        case .county: ["县", "区", "市", "旗"]
        }
        for suffix in suffixes where text.hasSuffix(suffix) && text.count - suffix.count >= 2 {
            return String(text.dropLast(suffix.count))
        }
        return nil
    }
}
