/// A filing that changes a registered entity's status without ending it (`domain/process.md` §4, §7), after
/// validation: 歇业 (suspension, or its extension), 恢复营业 (resumption) or 清算组备案 (the liquidation group).
public struct StatusFiling: Sendable, Hashable, Codable {
    /// What is filed.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// 歇业备案: the entity suspends business until `suspendedUntil` (at most three years in all, 条例 第30条); filed
        /// again while suspended, within the period's last 30 days, it extends the period.
        case suspension
        /// 恢复营业: a suspended entity resumes business.
        case resumption
        /// 清算组备案: the liquidation group is formed (条例 第32条); the entity is 清算 until its 注销.
        case liquidation
    }

    /// The liquidation group (清算组) as filed.
    public struct LiquidationGroup: Sendable, Hashable, Codable {
        /// The day the group was formed (it publishes its members on GSXT within 10 days, 细则 第45条).
        public var formedOn: CalendarDate
        /// 清算组负责人, one of the members.
        public var head: String
        /// 清算组成员.
        public var members: [String]

        /// Creates a group.
        public init(formedOn: CalendarDate, head: String, members: [String]) {
            self.formedOn = formedOn
            self.head = head
            self.members = members
        }
    }

    /// What is filed.
    public var action: Action
    /// The entity.
    public var code: CreditCode
    /// Its name, type and authority when filed.
    public var currentName: String
    public var type: EntityType
    public var authority: RegionCode
    /// Why (the shareholders' resolution, the operator's decision…).
    public var reason: String
    /// A suspension: the period's last day.
    public var suspendedUntil: CalendarDate?
    /// A liquidation: the group.
    public var liquidationGroup: LiquidationGroup?

    /// Creates a filing.
    public init(action: Action, code: CreditCode, currentName: String, type: EntityType, authority: RegionCode, reason: String,
                suspendedUntil: CalendarDate? = nil, liquidationGroup: LiquidationGroup? = nil) {
        self.action = action
        self.code = code
        self.currentName = currentName
        self.type = type
        self.authority = authority
        self.reason = reason
        self.suspendedUntil = suspendedUntil
        self.liquidationGroup = liquidationGroup
    }

    /// The status the entity has once the filing completes.
    public var resultingStatus: EntityStatus {
        switch action {
        case .suspension: .suspended
        case .resumption: .active
        case .liquidation: .liquidating
        }
    }

    /// The application kind that files it.
    public var kind: Application.Kind {
        switch action {
        case .suspension: .suspension
        case .resumption: .resumption
        case .liquidation: .liquidation
        }
    }

    /// The longest suspension, counted from its first day (条例 第30条: 3 years).
    public static let longestSuspensionMonths = 36

    /// The last day a suspension that began on `start` may run to.
    public static func latestSuspensionEnd(startingOn start: CalendarDate) -> CalendarDate {
        start.adding(months: longestSuspensionMonths).adding(days: -1)
    }

    /// How many days before a suspension's last day its extension may be filed (细则 第42条: 30).
    public static let extensionWindowDays = 30
}

extension Application.Kind {
    /// The status filing this kind files; nil for establishments, changes and deregistrations.
    public var filedAction: StatusFiling.Action? {
        switch self {
        case .suspension: .suspension
        case .resumption: .resumption
        case .liquidation: .liquidation
        case .establishment, .change, .deregistration: nil
        }
    }
}
