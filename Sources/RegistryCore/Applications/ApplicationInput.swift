/// Any application as submitted (JSON): `kind` (default `establishment`) and the matching part — `market`,
/// `tax` and `statistics` for an establishment, otherwise the part named like the kind (`change`, `deregistration`,
/// `suspension`, `resumption`, `liquidation`).
public struct ApplicationInput: Sendable, Hashable, Codable {
    public var kind: String?
    public var market: ApplicationFormInput.Market?
    public var tax: ApplicationFormInput.Tax?
    public var statistics: ApplicationFormInput.Statistics?
    public var change: ChangeInput?
    public var deregistration: DeregistrationInput?
    public var suspension: StatusFilingInput?
    public var resumption: StatusFilingInput?
    public var liquidation: StatusFilingInput?

    /// An establishment with `form`.
    public init(establishment form: ApplicationFormInput) {
        kind = Application.Kind.establishment.rawValue
        market = form.market
        tax = form.tax
        statistics = form.statistics
    }

    /// A change.
    public init(change: ChangeInput) {
        kind = Application.Kind.change.rawValue
        self.change = change
    }

    /// A deregistration.
    public init(deregistration: DeregistrationInput) {
        kind = Application.Kind.deregistration.rawValue
        self.deregistration = deregistration
    }

    /// A status filing: `action`'s kind with `filing` as its part.
    public init(_ action: StatusFiling.Action, _ filing: StatusFilingInput) {
        kind = action.rawValue
        switch action {
        case .suspension: suspension = filing
        case .resumption: resumption = filing
        case .liquidation: liquidation = filing
        }
    }

    /// The status filing's part for `kind`, if it is one.
    public func filing(_ action: StatusFiling.Action) -> StatusFilingInput? {
        switch action {
        case .suspension: suspension
        case .resumption: resumption
        case .liquidation: liquidation
        }
    }

    /// The kind asked for; nil when `kind` is not one.
    public var parsedKind: Application.Kind? { kind.map { Application.Kind(rawValue: $0) } ?? .establishment }

    /// The establishment part.
    public var establishment: ApplicationFormInput { ApplicationFormInput(market: market, tax: tax, statistics: statistics) }

    /// The code of the entity a change or deregistration concerns, as written.
    public var entityCode: String? {
        switch parsedKind {
        case .change: change?.code
        case .deregistration: deregistration?.code
        case .suspension: suspension?.code
        case .resumption: resumption?.code
        case .liquidation: liquidation?.code
        default: nil
        }
    }

    /// Whether the applicant accepts a new name's risk warnings.
    public var nameCommitment: Bool {
        switch parsedKind {
        case .establishment: market?.nameCommitment == true
        case .change: change?.nameCommitment == true
        default: false
        }
    }

    /// The reservation a form names.
    public var reservationId: String? {
        switch parsedKind {
        case .establishment: market?.reservationId
        case .change: change?.reservationId
        default: nil
        }
    }
}

/// A change as submitted: the entity's code and each item that changes.
public struct ChangeInput: Sendable, Hashable, Codable {
    public var code: String?
    public var name: String?
    public var reservationId: String?
    public var domicile: String?
    public var legalRepresentative: ApplicationFormInput.PersonInput?
    public var registeredCapitalYuan: Int64?
    public var businessScope: String?
    /// For a capital reduction: the first day of its 45-day public notice.
    public var capitalReductionNoticeFrom: String?
    /// The applicant accepts the new name's risk warnings (办法 第22条); needed when the check warns.
    public var nameCommitment: Bool?

    /// Creates an input.
    public init(code: String?, name: String? = nil, reservationId: String? = nil, domicile: String? = nil,
                legalRepresentative: ApplicationFormInput.PersonInput? = nil, registeredCapitalYuan: Int64? = nil,
                businessScope: String? = nil, capitalReductionNoticeFrom: String? = nil, nameCommitment: Bool? = nil) {
        self.code = code
        self.name = name
        self.reservationId = reservationId
        self.domicile = domicile
        self.legalRepresentative = legalRepresentative
        self.registeredCapitalYuan = registeredCapitalYuan
        self.businessScope = businessScope
        self.capitalReductionNoticeFrom = capitalReductionNoticeFrom
        self.nameCommitment = nameCommitment
    }
}

/// A deregistration as submitted.
public struct DeregistrationInput: Sendable, Hashable, Codable {
    public var code: String?
    /// `ordinary` or `simplified`.
    public var mode: String?
    public var reason: String?
    /// Simplified: the first day of the 20-day GSXT notice.
    public var noticeFrom: String?
    /// Ordinary: when the liquidation ended.
    public var liquidationEndedOn: String?
    /// Ordinary: the tax authority's clearance (清税证明) is attached.
    public var taxCleared: Bool?
    /// Simplified: every investor's written commitment (全体投资人承诺书) is attached.
    public var investorsCommitment: Bool?

    /// Creates an input.
    public init(code: String?, mode: String?, reason: String?, noticeFrom: String? = nil, liquidationEndedOn: String? = nil,
                taxCleared: Bool? = nil, investorsCommitment: Bool? = nil) {
        self.code = code
        self.mode = mode
        self.reason = reason
        self.noticeFrom = noticeFrom
        self.liquidationEndedOn = liquidationEndedOn
        self.taxCleared = taxCleared
        self.investorsCommitment = investorsCommitment
    }
}

/// A status filing as submitted (歇业, 恢复营业, 清算组备案): the entity's code, the reason, and the filing's own fields.
public struct StatusFilingInput: Sendable, Hashable, Codable {
    public var code: String?
    public var reason: String?
    /// Suspension: the period's last day (YYYY-MM-DD).
    public var until: String?
    /// Liquidation: the day the group was formed.
    public var formedOn: String?
    /// Liquidation: the group's head, one of `members`.
    public var head: String?
    /// Liquidation: the group's members.
    public var members: [String]?

    /// Creates an input.
    public init(code: String?, reason: String?, until: String? = nil, formedOn: String? = nil, head: String? = nil, members: [String]? = nil) {
        self.code = code
        self.reason = reason
        self.until = until
        self.formedOn = formedOn
        self.head = head
        self.members = members
    }
}
