/// The unified form (一表填写, SPEC §4) after validation: every value is well-formed. Built only by
/// `ApplicationFormInput.validate`.
public struct ApplicationForm: Sendable, Hashable, Codable {
    /// The market part (市场监管).
    public var market: MarketPart
    /// The tax part (税务).
    public var tax: TaxPart
    /// The statistics part (统计).
    public var statistics: StatisticsPart

    /// Creates a form.
    public init(market: MarketPart, tax: TaxPart, statistics: StatisticsPart) {
        self.market = market
        self.tax = tax
        self.statistics = statistics
    }

    /// The registered items (条例 第8条).
    public struct MarketPart: Sendable, Hashable, Codable {
        /// The proposed name (the reservation's name when one is used).
        public var name: String
        /// The name reservation used, if any.
        public var reservationID: String?
        /// Entity type.
        public var type: EntityType
        /// The registering authority (the region code of the 住所's authority, 细则 第10条).
        public var authority: RegionCode
        /// 住所 / 主要经营场所 / 经营场所.
        public var domicile: String
        /// 法定代表人, 执行事务合伙人, 投资人 or 经营者.
        public var legalRepresentative: Person
        /// 注册资本 or 出资额 in yuan; nil for 个体工商户.
        public var registeredCapitalYuan: Int64?
        /// 经营范围.
        public var businessScope: String
        /// GB/T 4754 小类 of the main business.
        public var industry: IndustryCode
        /// 营业期限 end; nil for 长期.
        public var operatingTermEnd: CalendarDate?
        /// 股东, 发起人, 合伙人, 投资人 or 成员.
        public var investors: [Investor]
        /// The applicant accepted the name check's risk warnings (办法 第22条).
        public var nameCommitment: Bool

        /// Creates the part.
        public init(name: String, reservationID: String?, type: EntityType, authority: RegionCode, domicile: String,
                    legalRepresentative: Person, registeredCapitalYuan: Int64?, businessScope: String, industry: IndustryCode,
                    operatingTermEnd: CalendarDate?, investors: [Investor], nameCommitment: Bool = false) {
            self.name = name
            self.reservationID = reservationID
            self.type = type
            self.authority = authority
            self.domicile = domicile
            self.legalRepresentative = legalRepresentative
            self.registeredCapitalYuan = registeredCapitalYuan
            self.businessScope = businessScope
            self.industry = industry
            self.operatingTermEnd = operatingTermEnd
            self.investors = investors
            self.nameCommitment = nameCommitment
        }
    }

    /// An investor: a natural person (identity number) or an entity (credit code), with the subscribed
    /// contribution (认缴出资额).
    public struct Investor: Sendable, Hashable, Codable {
        /// Name.
        public var name: String
        /// Identity number of a person, or credit code of an entity.
        public var identifier: String
        /// Subscribed contribution in yuan (0 where none is registered, e.g. cooperative members without shares).
        public var contributionYuan: Int64

        /// Creates an investor.
        public init(name: String, identifier: String, contributionYuan: Int64) {
            self.name = name
            self.identifier = identifier
            self.contributionYuan = contributionYuan
        }
    }

    /// The tax part (补充信息).
    public struct TaxPart: Sendable, Hashable, Codable {
        /// 财务负责人.
        public var financeOfficer: Person
        /// 办税人.
        public var taxHandler: Person
        /// 核算方式.
        public var accountingMethod: AccountingMethod
        /// 从业人数.
        public var headcount: Int

        /// Creates the part.
        public init(financeOfficer: Person, taxHandler: Person, accountingMethod: AccountingMethod, headcount: Int) {
            self.financeOfficer = financeOfficer
            self.taxHandler = taxHandler
            self.accountingMethod = accountingMethod
            self.headcount = headcount
        }
    }

    /// The statistics part.
    public struct StatisticsPart: Sendable, Hashable, Codable {
        /// GB/T 4754 小类 of the main activity.
        public var industry: IndustryCode
        /// 主要业务活动.
        public var mainActivity: String
        /// 从业人员.
        public var employees: Int

        /// Creates the part.
        public init(industry: IndustryCode, mainActivity: String, employees: Int) {
            self.industry = industry
            self.mainActivity = mainActivity
            self.employees = employees
        }
    }
}

extension ApplicationForm {
    /// The competent tax office of an authority: 国家税务总局 + province, city or city and district + 税务局
    /// (430104 → 国家税务总局长沙市岳麓区税务局).
    public static func taxOffice(for authority: RegionCode, regions: RegionTable = .standard) -> String {
        func name(_ code: Int) -> String? {
            regions.current(code).flatMap { $0.isGrouping ? nil : $0.name }
        }
        let own = name(authority.value) ?? ""
        if authority.value == authority.province || authority.value == authority.prefecture { return "国家税务总局\(own)税务局" }
        return "国家税务总局" + (name(authority.prefecture) ?? "") + own + "税务局"
    }
}
