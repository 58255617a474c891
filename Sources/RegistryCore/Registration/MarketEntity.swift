/// A registered market entity (市场主体) as the registry holds it today.
public struct MarketEntity: Sendable, Hashable, Codable {
    /// 统一社会信用代码.
    public var code: CreditCode
    /// The registered name.
    public var name: String
    /// The name's parts.
    public var nameParts: NameParts
    /// Entity type.
    public var type: EntityType
    /// Registration status.
    public var status: EntityStatus
    /// The registering authority's region code (frozen in the code's positions 3–8 at issue).
    public var authority: RegionCode
    /// 住所 / 经营场所.
    public var domicile: String
    /// 法定代表人, 执行事务合伙人, 投资人 or 经营者.
    public var legalRepresentative: Person
    /// 注册资本 (资金数额) in yuan; nil where the type has none.
    public var registeredCapitalYuan: Int64?
    /// 经营范围.
    public var businessScope: String
    /// GB/T 4754 industry (小类 normally).
    public var industry: IndustryCode
    /// 成立日期.
    public var establishedOn: CalendarDate
    /// 营业期限 end; nil for 长期.
    public var operatingTermEnd: CalendarDate?
    /// When the status last changed (deregistration, revocation…); nil while never changed.
    public var statusChangedOn: CalendarDate?
    /// While 歇业: the suspension's last day (it is deemed resumed the day after, 条例 第30条); nil otherwise.
    public var suspendedUntil: CalendarDate?
    /// Under a name-correction order the public sees the code in place of the name (办法 第32条).
    public var nameShownAsCode: Bool

    /// Creates an entity.
    public init(code: CreditCode, name: String, nameParts: NameParts, type: EntityType, status: EntityStatus,
                authority: RegionCode, domicile: String, legalRepresentative: Person, registeredCapitalYuan: Int64?,
                businessScope: String, industry: IndustryCode, establishedOn: CalendarDate,
                operatingTermEnd: CalendarDate? = nil, statusChangedOn: CalendarDate? = nil, nameShownAsCode: Bool = false,
                suspendedUntil: CalendarDate? = nil) {
        self.code = code
        self.name = name
        self.nameParts = nameParts
        self.type = type
        self.status = status
        self.authority = authority
        self.domicile = domicile
        self.legalRepresentative = legalRepresentative
        self.registeredCapitalYuan = registeredCapitalYuan
        self.businessScope = businessScope
        self.industry = industry
        self.establishedOn = establishedOn
        self.operatingTermEnd = operatingTermEnd
        self.statusChangedOn = statusChangedOn
        self.nameShownAsCode = nameShownAsCode
        self.suspendedUntil = suspendedUntil
    }

    /// The name the public sees: the code while a correction order is open.
    public var publicName: String { nameShownAsCode ? code.rawValue : name }
}
