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

extension Application {
    /// Extends the current version's deadline to `deadline` (once per version, while under review).
    public mutating func extendDeadline(to deadline: CalendarDate, _ extension: DeadlineExtension) throws(ApplicationError) {
        guard state == .underReview else { throw .wrongState(number: number, state: state, action: "given a longer deadline") }
        guard deadlineExtension == nil else { throw .alreadyExtended(number: number, version: version) }
        guard `extension`.at.chinaDay <= self.deadline else { throw .deadlinePassed(number: number, deadline: self.deadline) }
        guard deadline > self.deadline else { throw .wrongState(number: number, state: state, action: "given an earlier deadline") }
        self.deadline = deadline
        deadlineExtension = `extension`
    }
}
