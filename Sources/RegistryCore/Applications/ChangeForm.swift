/// A change registration (变更登记, `domain/process.md` §5) after validation: the entity and each registered
/// item that changes (nil: unchanged).
public struct ChangeForm: Sendable, Hashable, Codable {
    /// The entity.
    public var code: CreditCode
    /// Its name when the change was filed.
    public var currentName: String
    /// Its type, authority and industry (the name check of a new name uses them).
    public var type: EntityType
    public var authority: RegionCode
    public var industry: IndustryCode
    /// A new name (checked afresh; the old one enters the one-year cooldown).
    public var name: String?
    /// The reservation of the new name, if any.
    public var reservationID: String?
    /// A new 住所 (within the authority's area; a move elsewhere is filed with the destination).
    public var domicile: String?
    /// A new legal representative (the application is signed by the new one, 细则 第33条).
    public var legalRepresentative: Person?
    /// A new registered capital in yuan (a reduction needs its 45-day notice first, 细则 第36条).
    public var registeredCapitalYuan: Int64?
    /// A new business scope.
    public var businessScope: String?
    /// The applicant accepted the new name's risk warnings (办法 第22条).
    public var nameCommitment: Bool

    /// Creates a change.
    public init(code: CreditCode, currentName: String, type: EntityType, authority: RegionCode, industry: IndustryCode, name: String?,
                reservationID: String?, domicile: String?, legalRepresentative: Person?, registeredCapitalYuan: Int64?, businessScope: String?,
                nameCommitment: Bool = false) {
        self.code = code
        self.currentName = currentName
        self.type = type
        self.authority = authority
        self.industry = industry
        self.name = name
        self.reservationID = reservationID
        self.domicile = domicile
        self.legalRepresentative = legalRepresentative
        self.registeredCapitalYuan = registeredCapitalYuan
        self.businessScope = businessScope
        self.nameCommitment = nameCommitment
    }

    /// The names of the items that change (`name`, `domicile`, …).
    public var changedItems: [String] {
        [name.map { _ in "name" }, domicile.map { _ in "domicile" }, legalRepresentative.map { _ in "legalRepresentative" },
         registeredCapitalYuan.map { _ in "registeredCapitalYuan" }, businessScope.map { _ in "businessScope" }].compactMap { $0 }
    }
}

/// A deregistration (注销登记, `domain/process.md` §6) after validation.
public struct DeregistrationForm: Sendable, Hashable, Codable {
    /// Ordinary, or simplified (简易注销).
    public enum Mode: String, Sendable, Hashable, Codable {
        case ordinary
        case simplified
    }

    /// The entity.
    public var code: CreditCode
    /// Its name, type and authority when filed.
    public var currentName: String
    public var type: EntityType
    public var authority: RegionCode
    /// The procedure.
    public var mode: Mode
    /// Why (dissolution, bankruptcy, revocation…).
    public var reason: String
    /// Simplified, non-个体工商户: the first day of the 20-day public notice on GSXT.
    public var noticeFrom: CalendarDate?
    /// Ordinary: when the liquidation ended (or the decision, without liquidation).
    public var liquidationEndedOn: CalendarDate?

    /// Creates a deregistration.
    public init(code: CreditCode, currentName: String, type: EntityType, authority: RegionCode, mode: Mode, reason: String,
                noticeFrom: CalendarDate?, liquidationEndedOn: CalendarDate?) {
        self.code = code
        self.currentName = currentName
        self.type = type
        self.authority = authority
        self.mode = mode
        self.reason = reason
        self.noticeFrom = noticeFrom
        self.liquidationEndedOn = liquidationEndedOn
    }

    /// Whether an entity of `status` may deregister by `mode` (条例 第31–33条; 细则 第48条): ordinarily from any status that
    /// has not ended it; by the simplified procedure only from 存续 (吊销, 撤销, 歇业 and 清算 are excluded), and not while it
    /// is on the 经营异常名录 (`listed`).
    public static func allows(_ mode: Mode, from status: EntityStatus, listed: Bool) -> Bool {
        switch mode {
        case .ordinary: [.active, .revoked, .suspended, .liquidating].contains(status)
        case .simplified: status == .active && !listed
        }
    }

    /// The last day of a 20-day notice starting on `from` (the 20th day).
    public static func noticeEnd(from: CalendarDate) -> CalendarDate { from.adding(days: 19) }
}
