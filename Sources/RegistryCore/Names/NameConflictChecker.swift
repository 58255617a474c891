/// Compares a parsed proposed name with existing names (C- and W- rules, `domain/names.md` §8, §9).
public struct NameConflictChecker: Sendable {
    /// Industry terms (comparison keys).
    public let industries: IndustryLexicon
    /// Character tables (folding, pinyin).
    public let han: HanTables
    /// Settings.
    public let policy: NameCheckPolicy

    /// The checker over the standard tables.
    public static let standard = NameConflictChecker(industries: .standard, han: .standard, policy: .standard)

    /// Creates a checker.
    public init(industries: IndustryLexicon, han: HanTables, policy: NameCheckPolicy) {
        self.industries = industries
        self.han = han
        self.policy = policy
    }

    /// One conflict per counting candidate that conflicts, most specific rule each, most severe first.
    public func conflicts(of parsed: ParsedName, _ request: NameCheckRequest, with candidates: [NameCandidate],
                          on today: CalendarDate) -> [NameConflict] {
        guard parsed.zihao.count >= 1 else { return [] }
        let proposedKey = industries.comparisonKey(of: parsed.industry)
        let proposedFolded = han.simplified(parsed.zihao)
        let proposedPinyin = han.pinyinKey(proposedFolded)
        let proposedLetters = Self.letters(parsed.normalized)
        var seen = Set<String>()
        var result: [NameConflict] = []
        for candidate in candidates where candidate.counts(on: today, policy: policy) {
            let identity = candidate.code.map(\.description) ?? candidate.reservationID ?? candidate.name
            guard !seen.contains(identity + "|" + candidate.name) else { continue }
            let existingName = NameNormalizer.normalize(candidate.name)
            let existingZihao = NameNormalizer.normalize(candidate.zihao)
            let existingKey = industries.comparisonKey(of: candidate.industryPhrase)
            let sameIndustry = proposedKey.isEmpty || existingKey.isEmpty || proposedKey == existingKey
                || sameLevel(request.industry, candidate.industry)
            let sameZihao = parsed.zihao == existingZihao
            var rule: NameRule?
            if existingName == parsed.normalized {
                rule = .identical
            } else if sameZihao && Self.letterCount(existingName) == proposedLetters.count
                        && Self.letters(existingName) == proposedLetters {
                rule = .reordered
            } else if sameZihao && sameIndustry {
                rule = proposedKey.isEmpty || existingKey.isEmpty ? .sameZihaoNoIndustry : .sameZihaoSameIndustry
            } else if sameZihao {
                rule = .sameZihaoOtherIndustry
            } else if sameIndustry {
                let existingFolded = han.simplified(existingZihao)
                if existingFolded == proposedFolded {
                    rule = .variant
                } else if han.pinyinKey(existingFolded) == proposedPinyin && !proposedPinyin.isEmpty {
                    rule = .homophone
                } else if existingFolded.unicodeScalars.count >= 2
                            && (existingFolded.contains(proposedFolded) || proposedFolded.contains(existingFolded)) {
                    rule = .contains
                }
            }
            guard let found = rule else { continue }
            seen.insert(identity + "|" + candidate.name)
            result.append(conflict(found, candidate, request))
        }
        return result.sorted { ($1.severity, $0.rule.conflictRank) < ($0.severity, $1.rule.conflictRank) }
    }

    private func conflict(_ rule: NameRule, _ candidate: NameCandidate, _ request: NameCheckRequest) -> NameConflict {
        let who = candidate.code.map { "\(candidate.name)（\($0)，\(candidate.status)）" } ?? "\(candidate.name)（\(candidate.status)）"
        let (zh, en) = Self.messages(rule, who: who)
        if rule.severity == .block, let code = candidate.code, request.relatedCodes.contains(code) {
            return NameConflict(rule: .conflictWaived, waivedRule: rule, severity: .info, existing: candidate,
                                message: zh + "；已声明投资关系或受让，待审查核实",
                                messageEnglish: en + "; waived by a declared investment relationship or transfer, to be verified")
        }
        return NameConflict(rule: rule, waivedRule: nil, severity: rule.severity, existing: candidate, message: zh, messageEnglish: en)
    }

    private static func messages(_ rule: NameRule, who: String) -> (String, String) {
        switch rule {
        case .identical: ("与已有名称\(who)相同", "identical to \(who)")
        case .reordered: ("与已有名称\(who)文字相同、仅排列顺序不同", "the same words as \(who) in another order")
        case .sameZihaoSameIndustry: ("与同行业的\(who)字号相同", "the same 字号 as \(who) in the same industry")
        case .sameZihaoNoIndustry: ("与\(who)字号相同，且其中一方未含行业用语", "the same 字号 as \(who), and one of the names has no industry term")
        case .homophone: ("与同行业的\(who)字号读音相同", "a 字号 that sounds like that of \(who) in the same industry")
        case .contains: ("字号与同行业的\(who)的字号互相包含", "the 字号 contains, or is contained in, that of \(who) in the same industry")
        case .variant: ("字号与同行业的\(who)仅有繁简或异体之别", "the 字号 differs from that of \(who) only by traditional or variant characters")
        default: ("与其他行业的\(who)字号相同，存在争议风险", "the same 字号 as \(who) in another industry (risk of dispute)")
        }
    }

    /// Whether two codes are in the same industry at the policy's level.
    func sameLevel(_ a: IndustryCode, _ b: IndustryCode) -> Bool {
        let table = IndustryTable.standard
        switch policy.sameIndustryLevel {
        case .section:
            return table.entry(a.rawValue)?.section == table.entry(b.rawValue)?.section
        case .division, .group:
            let length = policy.sameIndustryLevel == .division ? 2 : 3
            guard a.rawValue.first?.isNumber == true, b.rawValue.first?.isNumber == true else {
                return table.entry(a.rawValue)?.section == table.entry(b.rawValue)?.section
            }
            return a.rawValue.prefix(length) == b.rawValue.prefix(length)
        }
    }

    /// The name's characters without brackets, sorted: equal for the same words in another order.
    static func letterCount(_ name: String) -> Int {
        name.unicodeScalars.reduce(0) { $0 + ($1 == "（" || $1 == "）" ? 0 : 1) }
    }

    static func letters(_ name: String) -> [UInt32] {
        name.unicodeScalars.filter { $0 != "（" && $0 != "）" }.map(\.value).sorted()
    }
}
