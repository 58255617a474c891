/// Splits a proposed name into region, 字号, industry phrase and form (`domain/names.md` §1). Pure and
/// total: any text parses (a name it cannot make sense of yields empty parts, which the rules report).
public struct EnterpriseNameParser: Sendable {
    /// Region names.
    public let regions: RegionLexicon
    /// Industry terms.
    public let industries: IndustryLexicon

    /// Development-zone words that may follow a region (开发区、垦区 …; 规定 第7条).
    public static let zoneWords = ["高新技术产业开发区", "经济技术开发区", "经济开发区", "工业园区", "高新区", "经开区", "开发区", "新区", "垦区"]
    /// Characters that end a region-shaped segment.
    static let regionEndings: Set<Character> = ["省", "市", "县", "区", "州", "盟", "旗"]
    /// Company forms, which end a branch's parent name.
    static let companyForms = ["股份有限公司", "有限责任公司", "股份公司", "有限公司"]

    /// The parser over the standard tables.
    public static let standard = EnterpriseNameParser(regions: .standard, industries: .standard)

    /// Creates a parser.
    public init(regions: RegionLexicon, industries: IndustryLexicon) {
        self.regions = regions
        self.industries = industries
    }

    /// Parses `name`; `authority` (a region code) breaks ties between divisions of the same name. The
    /// parts are read from the traditional-folded name (長沙 is recognised as 长沙), so they are simplified;
    /// `normalized` keeps the characters as written.
    public func parse(_ name: String, authority: Int? = nil) -> ParsedName {
        let normalized = NameNormalizer.normalize(name)
        let folded = HanTables.standard.simplified(normalized)
        var parsed = parseFolded(folded, authority: authority)
        parsed.normalized = normalized
        if folded != normalized { parsed.zihao = Self.asWritten(parsed.zihao, folded: folded, original: normalized, parsed: parsed) }
        return parsed
    }

    /// The 字号 with its characters as written (恆星, not 恒星): the same scalars of the original name,
    /// found after the prefix region (folding maps scalar to scalar, so offsets agree).
    static func asWritten(_ zihao: String, folded: String, original: String, parsed: ParsedName) -> String {
        let foldedScalars = Array(folded.unicodeScalars), originalScalars = Array(original.unicodeScalars)
        let target = Array(zihao.unicodeScalars)
        guard !target.isEmpty, foldedScalars.count == originalScalars.count else { return zihao }
        let from = parsed.regionPlacement == .prefix ? parsed.region.unicodeScalars.count + parsed.zone.unicodeScalars.count : 0
        var start = from
        while start + target.count <= foldedScalars.count {
            if Array(foldedScalars[start..<(start + target.count)]) == target {
                var text = String.UnicodeScalarView()
                text.append(contentsOf: originalScalars[start..<(start + target.count)])
                return String(text)
            }
            start += 1
        }
        return zihao
    }

    private func parseFolded(_ normalized: String, authority: Int?) -> ParsedName {
        var parsed = ParsedName(normalized: normalized, region: "", regionPlacement: .none, regionChain: [], zone: "",
                                unknownRegion: nil, zihao: "", industry: "", groupWord: "", form: "", formKind: nil, branchParent: nil)
        var rest = Substring(normalized)
        if let form = OrganizationalForm.suffix(of: normalized) {
            parsed.formKind = form
            parsed.form = form.wording
            rest = rest.dropLast(form.wording.count)
            if form.types == [.branch], let parent = branchParent(in: rest) {
                var parentParse = parseFolded(String(parent), authority: authority)
                parentParse.normalized = normalized
                parentParse.branchParent = String(parent)
                parentParse.form += rest.dropFirst(parent.count) + form.wording
                parentParse.formKind = form
                return parentParse
            }
            if form.wording.hasPrefix("（") {
                let industryTail = industries.longestSuffix(of: rest, keeping: 1)?.count ?? 0
                if let lead = OrganizationalForm.leadWords.first(where: { rest.hasSuffix($0) && rest.count > $0.count }), lead.count >= industryTail {
                    parsed.form = lead + parsed.form
                    rest = rest.dropLast(lead.count)
                }
            }
        }
        for word in ["（集团）", "集团"] where rest.hasSuffix(word) && rest.count > word.count {
            parsed.groupWord = word
            rest = rest.dropLast(word.count)
            break
        }
        if let (before, inside, after) = lastBracket(in: rest), regions.isCurrentRegionName(String(inside)) || inside == "中国" || !regions.entries(named: inside).isEmpty {
            parsed.regionPlacement = .bracket
            parsed.region = String(inside)
            parsed.regionChain = preferred(regions.entries(named: inside), authority: authority).map { [$0] } ?? []
            parsed.zihao = String(before)
            parsed.industry = String(after)
            return parsed
        }
        rest = takeRegion(from: rest, into: &parsed, authority: authority)
        var industry: [Substring] = []
        while let term = industries.longestSuffix(of: rest, keeping: 1) {
            industry.insert(term, at: 0)
            rest = rest.dropLast(term.count)
        }
        parsed.industry = industry.joined()
        parsed.zihao = String(rest)
        return parsed
    }

    /// Consumes the leading region chain (`湖南省长沙市岳麓区`), a zone word, or a region-shaped unknown
    /// segment, and returns what follows.
    private func takeRegion(from text: Substring, into parsed: inout ParsedName, authority: Int?) -> Substring {
        var rest = text
        var chain: [RegionLexicon.Entry] = []
        var written = ""
        search: while rest.count > 2 {
            for length in stride(from: min(regions.longest, rest.count - 1), through: 2, by: -1) {
                let candidates = regions.entries(named: rest.prefix(length))
                let fitting = candidates.filter { entry in
                    guard let last = chain.last else { return true }
                    return entry.level > last.level && entry.ancestor(at: last.level) == last.code
                }
                guard let chosen = preferred(fitting, authority: authority) else { continue }
                chain.append(chosen)
                written += rest.prefix(length)
                rest = rest.dropFirst(length)
                continue search
            }
            break
        }
        if let zone = Self.zoneWords.first(where: { rest.hasPrefix($0) && rest.count > $0.count + 1 }) {
            parsed.zone = zone
            rest = rest.dropFirst(zone.count)
        } else if chain.last?.level != .county, let segment = unknownRegionSegment(rest) {
            parsed.unknownRegion = String(segment)
            rest = rest.dropFirst(segment.count)
        }
        if !chain.isEmpty {
            parsed.regionChain = chain
            parsed.region = written
            parsed.regionPlacement = .prefix
        }
        return rest
    }

    /// Among same-text divisions: one related to the authority, else the highest level (长沙 = 长沙市).
    private func preferred(_ entries: [RegionLexicon.Entry], authority: Int?) -> RegionLexicon.Entry? {
        if let authority, let local = entries.first(where: { RegionRelation.isRelated($0.code, authority) }) { return local }
        return entries.first(where: \.isCurrent) ?? entries.first
    }

    /// A 3–6 character segment ending in a region ending (湘江市) that names no division.
    private func unknownRegionSegment(_ text: Substring) -> Substring? {
        var length = 0
        for character in text.prefix(6) {
            length += 1
            if length >= 3, Self.regionEndings.contains(character), text.count - length >= 2 {
                let segment = text.prefix(length)
                return regions.entries(named: segment).isEmpty && !industries.contains(segment) ? segment : nil
            }
        }
        return nil
    }

    /// The parent's name heading a branch's name: everything up to the last company form.
    private func branchParent(in text: Substring) -> Substring? {
        var best: Substring.Index?
        for form in Self.companyForms {
            if let range = text.ranges(of: form).last, best.map({ range.upperBound > $0 }) ?? true { best = range.upperBound }
        }
        return best.map { text[..<$0] }
    }

    /// The last `（…）` pair: text before, inside and after.
    private func lastBracket(in text: Substring) -> (Substring, Substring, Substring)? {
        guard let open = text.lastIndex(of: "（"), let close = text[open...].firstIndex(of: "）") else { return nil }
        let inside = text[text.index(after: open)..<close]
        return (text[..<open], inside, text[text.index(after: close)...])
    }
}

/// How two region codes relate: the same division, or one containing the other.
public enum RegionRelation {
    /// Whether `a` and `b` are the same division or one is an ancestor of the other (by code).
    public static func isRelated(_ a: Int, _ b: Int) -> Bool {
        contains(a, b) || contains(b, a)
    }

    /// Whether division `outer` contains (or is) `inner`.
    public static func contains(_ outer: Int, _ inner: Int) -> Bool {
        if outer % 10_000 == 0 { return inner / 10_000 == outer / 10_000 }
        if outer % 100 == 0 { return inner / 100 == outer / 100 }
        return inner == outer
    }
}
