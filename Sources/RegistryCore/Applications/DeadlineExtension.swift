/// 延长审查期限 (条例 第19条; 细则 第18条): a complex case's decision period extended once, by 3 working days, with the
/// registration authority head's approval, the applicant told in writing. One per version of the form: a correction
/// starts a new period.
public struct DeadlineExtension: Sendable, Hashable, Codable {
    /// The deadline before the extension.
    public var previousDeadline: CalendarDate
    /// Why the case needs longer.
    public var reason: String
    /// The registration authority's head (登记机关负责人) who approved it.
    public var approvedBy: String
    /// Who recorded it (token label).
    public var recordedBy: String
    /// When.
    public var at: Instant

    /// Creates an extension.
    public init(previousDeadline: CalendarDate, reason: String, approvedBy: String, recordedBy: String, at: Instant) {
        self.previousDeadline = previousDeadline
        self.reason = reason
        self.approvedBy = approvedBy
        self.recordedBy = recordedBy
        self.at = at
    }
}

/// What asks for a deadline extension, validated: why, and the head who approved it.
public struct DeadlineExtensionRequest: Sendable, Hashable {
    /// Why the case needs longer (2–500 characters).
    public var reason: String
    /// The registration authority's head who approved it (2–30 characters).
    public var approvedBy: String

    /// Validates the submitted fields; every invalid one is reported at once (`/reason`, `/approvedBy`).
    public static func validate(reason: String?, approvedBy: String?, today: CalendarDate) -> Result<DeadlineExtensionRequest, FormErrors> {
        var check = FieldCheck(today: today)
        let why = check.text(reason, "/reason", 2...500, what: "the reason")
        let head = check.text(approvedBy, "/approvedBy", 2...30, what: "the approving head's name")
        guard let why, let head else { return .failure(FormErrors(check.errors)) }
        return .success(DeadlineExtensionRequest(reason: why, approvedBy: head))
    }

    /// Creates a request from valid values.
    public init(reason: String, approvedBy: String) {
        self.reason = reason
        self.approvedBy = approvedBy
    }
}

extension Application {
    /// Extends the current version's deadline to `extended(deadline)` (once per version, while under review, on or
    /// before the deadline), recorded as `recordedBy`'s at `instant`.
    public mutating func extendDeadline(_ request: DeadlineExtensionRequest, recordedBy: String, at instant: Instant,
                                        extended: (CalendarDate) -> CalendarDate) throws(ApplicationError) {
        guard state == .underReview else { throw .wrongState(number: number, state: state, action: "given a longer deadline") }
        guard deadlineExtension == nil else { throw .alreadyExtended(number: number, version: version) }
        guard instant.chinaDay <= deadline else { throw .deadlinePassed(number: number, deadline: deadline) }
        let new = extended(deadline)
        guard new > deadline else { throw .wrongState(number: number, state: state, action: "given an earlier deadline") }
        deadlineExtension = DeadlineExtension(previousDeadline: deadline, reason: request.reason, approvedBy: request.approvedBy,
                                              recordedBy: recordedBy, at: instant)
        deadline = new
    }
}
