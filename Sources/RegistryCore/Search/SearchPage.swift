/// One page of search results.
public struct SearchPage: Sendable, Hashable {
    /// The results, best first.
    public var hits: [SearchHit]
    /// How many entities match in all; exact up to `SearchPage.exactTotalLimit`.
    public var total: Int
    /// Whether `total` is an estimate (more than `exactTotalLimit` matches).
    public var totalIsEstimate: Bool
    /// Where the next page starts; nil on the last page.
    public var nextCursor: SearchCursor?

    /// Totals above this are estimated rather than counted.
    public static let exactTotalLimit = 10_000

    /// Creates a page.
    public init(hits: [SearchHit], total: Int, totalIsEstimate: Bool, nextCursor: SearchCursor?) {
        self.hits = hits
        self.total = total
        self.totalIsEstimate = totalIsEstimate
        self.nextCursor = nextCursor
    }
}

/// One entity in a result list.
public struct SearchHit: Sendable, Hashable {
    /// The entity's code.
    public var code: CreditCode
    /// The name the public sees (the code while under a correction order).
    public var name: String
    /// Status.
    public var status: EntityStatus
    /// Type.
    public var type: EntityType
    /// Registering authority.
    public var authority: RegionCode
    /// Industry.
    public var industry: IndustryCode
    /// 成立日期.
    public var establishedOn: CalendarDate
    /// Ranking tier: 1 exact name, 2 exact 字号 (or pinyin), 3 prefix, 4 substring.
    public var tier: Int
    /// The entity's search key (its order within a tier).
    public var key: Int64

    /// Creates a hit.
    public init(code: CreditCode, name: String, status: EntityStatus, type: EntityType, authority: RegionCode,
                industry: IndustryCode, establishedOn: CalendarDate, tier: Int, key: Int64) {
        self.code = code
        self.name = name
        self.status = status
        self.type = type
        self.authority = authority
        self.industry = industry
        self.establishedOn = establishedOn
        self.tier = tier
        self.key = key
    }
}
