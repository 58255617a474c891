/// A name reserved for an applicant (名称保留, 规定 第18条; `domain/names.md` §10).
public struct NameReservation: Sendable, Hashable {
    /// Where a reservation stands.
    public enum State: String, Sendable, Hashable, Codable {
        /// Counting against other applicants until it expires.
        case active
        /// Cancelled by the applicant.
        case cancelled
        /// Used by a registration.
        case consumed
        /// Past its expiry date (derived when read; stored once a later reservation needs the name).
        case expired
    }

    /// The id (random, unguessable: it is what lets the holder cancel).
    public var id: String
    /// The reserved name, as submitted.
    public var name: String
    /// Its parse.
    public var zihao: String
    /// Its industry phrase.
    public var industryPhrase: String
    /// The entity type it is for.
    public var type: EntityType
    /// The declared GB/T 4754 code.
    public var industry: IndustryCode
    /// The registering authority.
    public var authority: RegionCode
    /// Who reserved it (free text from the applicant, e.g. the investors' names).
    public var applicant: String
    /// The day it was reserved.
    public var reservedOn: CalendarDate
    /// The first day it no longer counts.
    public var expiresOn: CalendarDate
    /// Whether a pre-registration approval (前置审批) is needed: one year instead of two months.
    public var needsPreapproval: Bool
    /// The state as stored.
    public var state: State
    /// When the state last changed (cancel, consume), if it did.
    public var stateChangedOn: CalendarDate?

    /// Creates a reservation.
    public init(id: String, name: String, zihao: String, industryPhrase: String, type: EntityType, industry: IndustryCode,
                authority: RegionCode, applicant: String, reservedOn: CalendarDate, expiresOn: CalendarDate,
                needsPreapproval: Bool, state: State, stateChangedOn: CalendarDate?) {
        self.id = id
        self.name = name
        self.zihao = zihao
        self.industryPhrase = industryPhrase
        self.type = type
        self.industry = industry
        self.authority = authority
        self.applicant = applicant
        self.reservedOn = reservedOn
        self.expiresOn = expiresOn
        self.needsPreapproval = needsPreapproval
        self.state = state
        self.stateChangedOn = stateChangedOn
    }

    /// The expiry of a reservation made on `day`: two calendar months, or one year with a pre-approval,
    /// clamped to the month's end (2024-12-31 + 2 months → 2025-02-28).
    public static func expiry(reservedOn day: CalendarDate, needsPreapproval: Bool) -> CalendarDate {
        day.adding(months: needsPreapproval ? 12 : 2)
    }

    /// The state on `today`: an active reservation past its expiry reads as expired.
    public func state(on today: CalendarDate) -> State {
        state == .active && today >= expiresOn ? .expired : state
    }

    /// The reservation as an existing name for the conflict rules.
    public var candidate: NameCandidate {
        NameCandidate(source: .reservation, name: name, zihao: zihao, industryPhrase: industryPhrase, industry: industry,
                      code: nil, reservationID: id, status: "保留中", expiresOn: expiresOn)
    }
}
