/// Any application as submitted (JSON): `kind` (default `establishment`) and the matching part — `market`,
/// `tax` and `statistics` for an establishment, `change` or `deregistration` otherwise.
public struct ApplicationInput: Sendable, Hashable, Codable {
    public var kind: String?
    public var market: ApplicationFormInput.Market?
    public var tax: ApplicationFormInput.Tax?
    public var statistics: ApplicationFormInput.Statistics?
    public var change: ChangeInput?
    public var deregistration: DeregistrationInput?

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

    /// The kind asked for; nil when `kind` is not one.
    public var parsedKind: Application.Kind? { kind.map { Application.Kind(rawValue: $0) } ?? .establishment }

    /// The establishment part.
    public var establishment: ApplicationFormInput { ApplicationFormInput(market: market, tax: tax, statistics: statistics) }

    /// The code of the entity a change or deregistration concerns, as written.
    public var entityCode: String? {
        switch parsedKind {
        case .change: change?.code
        case .deregistration: deregistration?.code
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
