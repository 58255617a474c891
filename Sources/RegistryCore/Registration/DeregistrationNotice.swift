/// The 20-day public notice that precedes a simplified deregistration (简易注销公告, 条例 第33条; 细则 第49条): the
/// investors' commitment published from the day it is filed; while it runs the entity shows the flag 简易注销公告中
/// (`domain/process.md` §7). Departments, creditors and other interested parties may object during the notice; an
/// objection closes the simplified procedure for it. Without an objection the entity applies within 20 days after the
/// notice ends.
public struct DeregistrationNotice: Sendable, Hashable, Codable {
    /// An objection lodged during the notice.
    public struct Objection: Sendable, Hashable, Codable {
        /// Who objects (a department, a creditor…), 2–60 characters.
        public var party: String
        /// Why, 2–500 characters.
        public var reason: String
        /// The day it was lodged.
        public var objectedOn: CalendarDate
        /// Who recorded it (token label).
        public var recordedBy: String

        /// Creates an objection.
        public init(party: String, reason: String, objectedOn: CalendarDate, recordedBy: String) {
            self.party = party
            self.reason = reason
            self.objectedOn = objectedOn
            self.recordedBy = recordedBy
        }
    }

    /// The notice's number in this registry (increasing).
    public var id: Int64
    public var code: CreditCode
    /// The notice's first day (the day it was filed).
    public var from: CalendarDate
    /// Who filed it (token label).
    public var filedBy: String
    /// The objection, once one is lodged.
    public var objection: Objection?

    /// Creates a notice.
    public init(id: Int64, code: CreditCode, from: CalendarDate, filedBy: String, objection: Objection?) {
        self.id = id
        self.code = code
        self.from = from
        self.filedBy = filedBy
        self.objection = objection
    }

    /// The notice's last day (its 20th).
    public var to: CalendarDate { DeregistrationForm.noticeEnd(from: from) }

    /// The last day the simplified deregistration may be applied for: 20 days after the notice ends.
    public var applyBy: CalendarDate { to.adding(days: 20) }

    /// Whether the notice is being published on `day` (the flag 简易注销公告中).
    public func isPublished(on day: CalendarDate) -> Bool { from <= day && day <= to }

    /// Whether the notice can still lead to a simplified deregistration on `day`: no objection, and not past `applyBy`.
    public func isOpen(on day: CalendarDate) -> Bool { objection == nil && day <= applyBy }

    /// Validates the filing: every investor's written commitment (全体投资人承诺书) must be given (`/investorsCommitment`).
    public static func validateFiling(investorsCommitment: Bool?) -> Result<Void, FormErrors> {
        guard investorsCommitment == true else {
            return .failure(FormErrors([FormError(field: "/investorsCommitment", code: "required",
                                                  message: "the notice publishes every investor's written commitment: give investorsCommitment true")]))
        }
        return .success(())
    }

    /// Validates an objection's fields (`/party` 2–60 characters, `/reason` 2–500), lodged on `today` and recorded by
    /// `recordedBy`; every invalid one is reported at once.
    public static func validateObjection(party: String?, reason: String?, recordedBy: String, today: CalendarDate) -> Result<Objection, FormErrors> {
        var check = FieldCheck(today: today)
        let who = check.text(party, "/party", 2...60, what: "the objecting party")
        let why = check.text(reason, "/reason", 2...500, what: "the reason")
        guard check.errors.isEmpty, let who, let why else { return .failure(FormErrors(check.errors)) }
        return .success(Objection(party: who, reason: why, objectedOn: today, recordedBy: recordedBy))
    }
}

/// What the registry records about an entity besides its dossier that an application depends on: its 经营异常名录
/// listings in force and its latest 简易注销 notice (both bear on a simplified deregistration).
public struct EntityStanding: Sendable, Hashable {
    /// The listings in force.
    public var abnormalListings: [AbnormalListing]
    /// The latest simplified-deregistration notice, if any.
    public var deregistrationNotice: DeregistrationNotice?

    /// Creates a standing.
    public init(abnormalListings: [AbnormalListing] = [], deregistrationNotice: DeregistrationNotice? = nil) {
        self.abnormalListings = abnormalListings.filter(\.isInForce)
        self.deregistrationNotice = deregistrationNotice
    }

    /// Nothing recorded.
    public static let none = EntityStanding()
}
