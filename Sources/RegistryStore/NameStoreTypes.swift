import RegistryCore

/// The keys a backend finds candidate names by (`domain/names.md` §8): everything in the authority whose
/// 字号 equals, sounds like, contains or is contained in the proposed one, or whose name is the same.
public struct NameCandidateQuery: Sendable, Hashable {
    /// The registering authority (conflicts are judged within it).
    public var authority: RegionCode
    /// The proposed name in search form (`SearchText.normalize`).
    public var nameKey: String
    /// The proposed 字号 and its substrings of two or more characters, in search form.
    public var zihaoKeys: [String]
    /// The 字号's toneless pinyin.
    public var pinyin: String
    /// The 字号 in search form: existing 字号 containing it are candidates.
    public var contained: String
    /// Names that stopped being used before this day no longer count (today minus the cooldown).
    public var endedSince: CalendarDate
    /// Today, for reservations' expiry.
    public var today: CalendarDate
    /// Narrows the candidates whose 字号 only sounds like, contains or is contained in the proposed one
    /// (W-HOMOPHONE, W-CONTAINS and W-VARIANT judge same-industry names only) to a superset of the same
    /// industry; nil when the proposed name has no industry term (then every name is same-industry).
    public var sameIndustry: SameIndustryFilter?

    /// A superset of "same industry" a backend can test on stored columns: the industry code starts with
    /// `codePrefix` (or the 门类 is `section`), or the name has no industry phrase, or its phrase starts
    /// with one of `terms` (the proposed term's synonyms).
    public struct SameIndustryFilter: Sendable, Hashable {
        /// A code prefix (大类: 2 digits, 中类: 3), nil when comparing by 门类.
        public var codePrefix: String?
        /// The 门类 letter, when comparing by 门类 (or when the declared code is a 门类).
        public var section: String?
        /// The synonyms of the proposed industry term.
        public var terms: [String]
    }

    /// The query for a parsed name declared under `industry`.
    public init(parsed: ParsedName, industry: IndustryCode, authority: RegionCode, today: CalendarDate, policy: NameCheckPolicy,
                han: HanTables = .standard) {
        let zihao = SearchText.normalize(parsed.zihao, tables: han)
        var keys = [zihao]
        let characters = Array(zihao)
        if characters.count > 2 {
            for length in 2..<characters.count {
                for start in 0...(characters.count - length) { keys.append(String(characters[start..<(start + length)])) }
            }
        }
        self.authority = authority
        self.nameKey = SearchText.normalize(parsed.normalized, tables: han)
        self.zihaoKeys = Array(Set(keys)).sorted()
        self.pinyin = han.pinyinKey(zihao)
        self.contained = zihao
        self.endedSince = today.adding(months: -policy.cooldownMonths)
        self.today = today
        self.sameIndustry = Self.filter(industry: industry, phrase: parsed.industry, policy: policy)
    }

    /// A superset of the names in the industry of `industry` and `phrase`; nil for a name without an
    /// industry phrase.
    static func filter(industry: IndustryCode, phrase: String, policy: NameCheckPolicy,
                       lexicon: IndustryLexicon = .standard) -> SameIndustryFilter? {
        let key = lexicon.comparisonKey(of: phrase)
        guard !key.isEmpty else { return nil }
        let code = industry.rawValue
        let numeric = code.first?.isNumber == true
        let section = IndustryTable.standard.entry(code)?.section
        let terms = lexicon.terms(withKey: key)
        switch policy.sameIndustryLevel {
        case .section:
            return SameIndustryFilter(codePrefix: nil, section: section, terms: terms)
        case .division, .group:
            let length = policy.sameIndustryLevel == .division ? 2 : 3
            return numeric ? SameIndustryFilter(codePrefix: String(code.prefix(length)), section: nil, terms: terms)
                : SameIndustryFilter(codePrefix: nil, section: section, terms: terms)
        }
    }
}

/// The result of a check-and-reserve: the check, and the reservation when the name was free.
public struct NameReservationOutcome: Sendable, Hashable {
    /// The check made inside the reserving transaction.
    public var check: NameCheckResult
    /// The reservation, nil when the verdict did not allow one.
    public var reservation: NameReservation?

    /// Creates an outcome.
    public init(check: NameCheckResult, reservation: NameReservation?) {
        self.check = check
        self.reservation = reservation
    }
}
