/// An existing name a proposed name is compared with: a registered entity's name, a former name or a
/// reservation (`domain/names.md` §8).
public struct NameCandidate: Sendable, Hashable {
    /// Where the name comes from.
    public enum Source: String, Sendable, Hashable, Codable {
        /// The current name of a registered entity.
        case entity
        /// A name an entity had before a rename.
        case formerName = "former-name"
        /// A name reservation.
        case reservation
    }

    /// Where it comes from.
    public var source: Source
    /// The name.
    public var name: String
    /// Its 字号.
    public var zihao: String
    /// Its industry phrase (empty if none).
    public var industryPhrase: String
    /// Its GB/T 4754 code.
    public var industry: IndustryCode
    /// The entity's code (nil for a reservation).
    public var code: CreditCode?
    /// The reservation's id (nil for an entity).
    public var reservationID: String?
    /// The display status (`存续`, `注销`, `保留中`).
    public var status: String
    /// The day the name stopped being in use (deregistration, rename, revocation), nil while it is; it
    /// keeps counting for the policy's cooldown after that day.
    public var endedOn: CalendarDate?
    /// For a reservation, the day it stops counting.
    public var expiresOn: CalendarDate?

    /// Creates a candidate.
    public init(source: Source, name: String, zihao: String, industryPhrase: String, industry: IndustryCode,
                code: CreditCode?, reservationID: String? = nil, status: String, endedOn: CalendarDate? = nil,
                expiresOn: CalendarDate? = nil) {
        self.source = source
        self.name = name
        self.zihao = zihao
        self.industryPhrase = industryPhrase
        self.industry = industry
        self.code = code
        self.reservationID = reservationID
        self.status = status
        self.endedOn = endedOn
        self.expiresOn = expiresOn
    }

    /// Whether the name still counts on `today` under `policy` (active reservation; in use; or ended
    /// less than the cooldown ago).
    public func counts(on today: CalendarDate, policy: NameCheckPolicy) -> Bool {
        if let expiresOn, today >= expiresOn { return false }
        if let endedOn, today >= endedOn.adding(months: policy.cooldownMonths) { return false }
        return true
    }
}

/// A conflict between the proposed name and one existing name.
public struct NameConflict: Sendable, Hashable {
    /// The most specific rule that applies (C-IDENTICAL > C-REORDERED > … > W-SAME-ZIHAO-OTHER-INDUSTRY).
    public var rule: NameRule
    /// For `I-CONFLICT-WAIVED`, the block that was waived.
    public var waivedRule: NameRule?
    /// Its weight.
    public var severity: NameSeverity
    /// The existing name.
    public var existing: NameCandidate
    /// Explanation in Chinese.
    public var message: String
    /// The same in English.
    public var messageEnglish: String
}
