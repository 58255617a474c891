/// Industry terms as they appear in enterprise names (`domain/names.md` §1 step 5, §4): the names of
/// GB/T 4754 大类/中类/小类, the synonym groups, customary terms and feature words.
public struct IndustryLexicon: Sendable {
    /// Longest term, in characters.
    public let longest: Int
    /// Typical 大类 per term (empty: none known; feature words have none).
    private let divisionsByTerm: [String: [String]]
    /// Synonym group per term.
    private let groupByTerm: [String: String]
    /// The terms of each group (sorted, the group's name included).
    private let termsByGroup: [String: [String]]

    /// The lexicon built from the standard industry table and the project's word tables.
    public static let standard = IndustryLexicon(table: .standard)

    /// Builds the lexicon.
    public init(table: IndustryTable) {
        var divisions: [String: [String]] = [:]
        func add(_ term: String, _ codes: [String]) {
            guard term.count >= 2 else { return }
            divisions[term, default: []].append(contentsOf: codes.filter { !(divisions[term] ?? []).contains($0) })
        }
        for entry in table.entries where entry.level != .section {
            let name = entry.name
            guard (2...6).contains(name.count), !["其他", "、", "和", "及", "等", "未列明", "（", "，"].contains(where: name.contains) else { continue }
            add(name, [entry.division ?? ""])
            if name.hasSuffix("业") { add(String(name.dropLast()), [entry.division ?? ""]) }
        }
        var groups: [String: String] = [:]
        for (group, terms, codes) in IndustrySynonyms.groups {
            for term in terms {
                add(term, codes)
                groups[term] = group
            }
        }
        for (term, codes) in IndustrySynonyms.customary { add(term, codes) }
        for word in IndustrySynonyms.featureWords where divisions[word] == nil { divisions[word] = [] }
        self.divisionsByTerm = divisions
        self.groupByTerm = groups
        self.termsByGroup = Dictionary(grouping: groups, by: \.value).mapValues { Array(Set($0.map(\.key) + [$0[0].value])).sorted() }
        self.longest = divisions.keys.map(\.count).max() ?? 0
    }

    /// Whether `text` is a term or feature word.
    public func contains(_ text: some StringProtocol) -> Bool { divisionsByTerm[String(text)] != nil }

    /// The longest term or feature word `text` ends with that leaves at least `keeping` characters.
    public func longestSuffix(of text: Substring, keeping: Int) -> Substring? {
        let count = text.count
        guard count > keeping else { return nil }
        for length in stride(from: min(longest, count - keeping), through: 2, by: -1) {
            let suffix = text.suffix(length)
            if divisionsByTerm[String(suffix)] != nil { return suffix }
        }
        return nil
    }

    /// The comparison key of an industry phrase: trailing feature words removed while something
    /// remains, then folded to its synonym group (`酒业发展` → `酒业`, `置业` → `房地产`). Empty for
    /// a name without an industry phrase.
    public func comparisonKey(of phrase: String) -> String {
        var text = phrase
        var changed = true
        while changed {
            changed = false
            for word in IndustrySynonyms.trailingFeatureWords where text.hasSuffix(word) && text.count > word.count {
                text.removeLast(word.count)
                changed = true
            }
        }
        return groupByTerm[text] ?? text
    }

    /// Every term whose comparison key is `key` (its synonym group's terms, or the key alone).
    public func terms(withKey key: String) -> [String] {
        termsByGroup[key] ?? [key]
    }

    /// The typical 大类 of an industry phrase (those of its last term that has any), empty if unknown.
    public func typicalDivisions(of phrase: String) -> [String] {
        if let codes = divisionsByTerm[phrase], !codes.isEmpty { return codes }
        var rest = Substring(phrase)
        var found: [String] = []
        while let term = longestSuffix(of: rest, keeping: 0) {
            if let codes = divisionsByTerm[String(term)], !codes.isEmpty, found.isEmpty { found = codes }
            rest = rest.dropLast(term.count)
        }
        return found
    }
}
