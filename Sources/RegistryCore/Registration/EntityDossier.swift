/// Everything the registry holds about one entity: the three registrations of 三证合一 and its history.
public struct EntityDossier: Sendable, Hashable, Codable {
    /// The entity.
    public var entity: MarketEntity
    /// Business license versions, oldest first; the last is current.
    public var licenses: [BusinessLicense]
    /// The tax registration.
    public var tax: TaxRegistration?
    /// The statistics registration.
    public var statistics: StatisticsRegistration?
    /// Every name the entity has had, oldest first; the one without `validTo` is current.
    public var names: [NameRecord]

    /// Creates a dossier.
    public init(entity: MarketEntity, licenses: [BusinessLicense], tax: TaxRegistration?,
                statistics: StatisticsRegistration?, names: [NameRecord]) {
        self.entity = entity
        self.licenses = licenses
        self.tax = tax
        self.statistics = statistics
        self.names = names
    }

    /// Former names (not current).
    public var formerNames: [NameRecord] { names.filter { $0.validTo != nil } }
}

/// One version of the business license (营业执照); a new version is issued when a license item changes.
public struct BusinessLicense: Sendable, Hashable, Codable {
    /// 1 for the first issue.
    public var version: Int
    /// Issue date of this version.
    public var issuedOn: CalendarDate
    /// 名称.
    public var name: String
    /// 类型.
    public var type: EntityType
    /// 法定代表人 (or 经营者) name.
    public var legalRepresentative: String
    /// 注册资本 in yuan.
    public var registeredCapitalYuan: Int64?
    /// 住所.
    public var domicile: String
    /// 经营范围.
    public var businessScope: String
    /// 登记机关 region code.
    public var authority: RegionCode
    /// 成立日期.
    public var establishedOn: CalendarDate

    /// Creates a license version.
    public init(version: Int, issuedOn: CalendarDate, name: String, type: EntityType, legalRepresentative: String,
                registeredCapitalYuan: Int64?, domicile: String, businessScope: String, authority: RegionCode,
                establishedOn: CalendarDate) {
        self.version = version
        self.issuedOn = issuedOn
        self.name = name
        self.type = type
        self.legalRepresentative = legalRepresentative
        self.registeredCapitalYuan = registeredCapitalYuan
        self.domicile = domicile
        self.businessScope = businessScope
        self.authority = authority
        self.establishedOn = establishedOn
    }
}

/// The tax part of the unified registration (税务登记).
public struct TaxRegistration: Sendable, Hashable, Codable {
    /// The competent tax office.
    public var taxAuthority: String
    /// 财务负责人.
    public var financeOfficer: Person
    /// 办税人.
    public var taxHandler: Person
    /// 核算方式.
    public var accountingMethod: AccountingMethod
    /// 从业人数 declared to the tax office.
    public var headcount: Int
    /// Registration date.
    public var registeredOn: CalendarDate

    /// Creates a tax registration.
    public init(taxAuthority: String, financeOfficer: Person, taxHandler: Person, accountingMethod: AccountingMethod,
                headcount: Int, registeredOn: CalendarDate) {
        self.taxAuthority = taxAuthority
        self.financeOfficer = financeOfficer
        self.taxHandler = taxHandler
        self.accountingMethod = accountingMethod
        self.headcount = headcount
        self.registeredOn = registeredOn
    }
}

/// 核算方式.
public enum AccountingMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// 独立核算.
    case independent
    /// 非独立核算 (branches).
    case nonIndependent = "non-independent"

    /// Chinese display value.
    public var display: String { self == .independent ? "独立核算" : "非独立核算" }
}

/// The statistics part of the unified registration (统计登记).
public struct StatisticsRegistration: Sendable, Hashable, Codable {
    /// GB/T 4754 industry of the main activity.
    public var industry: IndustryCode
    /// 主要业务活动.
    public var mainActivity: String
    /// 从业人员.
    public var employees: Int
    /// Registration date.
    public var registeredOn: CalendarDate

    /// Creates a statistics registration.
    public init(industry: IndustryCode, mainActivity: String, employees: Int, registeredOn: CalendarDate) {
        self.industry = industry
        self.mainActivity = mainActivity
        self.employees = employees
        self.registeredOn = registeredOn
    }
}

/// One name period of an entity.
public struct NameRecord: Sendable, Hashable, Codable {
    /// The name.
    public var name: String
    /// Its 字号.
    public var zihao: String
    /// First day under this name.
    public var validFrom: CalendarDate
    /// Last day under this name; nil for the current name.
    public var validTo: CalendarDate?

    /// Creates a name record.
    public init(name: String, zihao: String, validFrom: CalendarDate, validTo: CalendarDate?) {
        self.name = name
        self.zihao = zihao
        self.validFrom = validFrom
        self.validTo = validTo
    }
}

extension BusinessLicense {
    /// The license items of `entity` as of now, as version `version`.
    public init(entity: MarketEntity, version: Int, issuedOn: CalendarDate) {
        self.init(version: version, issuedOn: issuedOn, name: entity.name, type: entity.type,
                  legalRepresentative: entity.legalRepresentative.name, registeredCapitalYuan: entity.registeredCapitalYuan,
                  domicile: entity.domicile, businessScope: entity.businessScope, authority: entity.authority,
                  establishedOn: entity.establishedOn)
    }
}
