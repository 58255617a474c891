/// A unified application (一窗受理) from acceptance to completion: its form, the reviews of the current
/// version, its deadline and, once complete, the code it was given.
public struct Application: Sendable, Hashable, Codable {
    /// What an application asks for.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// 设立登记: a new entity.
        case establishment
        /// 变更登记: registered items of an existing entity change.
        case change
        /// 注销登记: the entity ends.
        case deregistration
        /// 歇业备案: the entity suspends business for a period (or extends it).
        case suspension
        /// 恢复营业: a suspended entity resumes business.
        case resumption
        /// 清算组备案: the entity's liquidation group is formed.
        case liquidation
    }

    /// Where an application stands.
    public enum State: String, Sendable, Hashable, Codable, CaseIterable {
        /// With the reviewers.
        case underReview = "under-review"
        /// Returned by at least one department: waiting for the applicant's correction.
        case returned
        /// Registered: the license is issued and the code assigned.
        case completed
    }

    /// The application number.
    public var number: String
    /// What it asks for, with the current version of its form.
    public var request: ApplicationRequest
    /// 1 at acceptance, +1 per correction; reviews apply to one version.
    public var version: Int
    /// Where it stands.
    public var state: State
    /// Who accepted it (the clerk's token label).
    public var acceptedBy: String
    /// When it was accepted.
    public var receivedAt: Instant
    /// When the current version was submitted (acceptance or the last correction).
    public var submittedAt: Instant
    /// The last day for the decision (3 working days from the current version's submission).
    public var deadline: CalendarDate
    /// Every decision on every version, oldest first (one per department and version).
    public var reviews: [Review]
    /// When it completed.
    public var completedAt: Instant?
    /// The code assigned at completion (establishment), or the entity changed or deregistered.
    public var code: CreditCode?
    /// The current version's deadline extension, if it was given one.
    public var deadlineExtension: DeadlineExtension?

    /// Creates an application.
    public init(number: String, request: ApplicationRequest, version: Int, state: State, acceptedBy: String,
                receivedAt: Instant, submittedAt: Instant, deadline: CalendarDate, reviews: [Review],
                completedAt: Instant?, code: CreditCode?, deadlineExtension: DeadlineExtension? = nil) {
        self.number = number
        self.request = request
        self.version = version
        self.state = state
        self.acceptedBy = acceptedBy
        self.receivedAt = receivedAt
        self.submittedAt = submittedAt
        self.deadline = deadline
        self.reviews = reviews
        self.completedAt = completedAt
        self.code = code
        self.deadlineExtension = deadlineExtension
    }

    /// One department's decision on one version.
    public struct Review: Sendable, Hashable, Codable {
        /// Approve or return.
        public enum Decision: String, Sendable, Hashable, Codable {
            /// 通过.
            case approve
            /// 退回 with reasons.
            case `return`
        }

        /// The department.
        public var department: Department
        /// The decision.
        public var decision: Decision
        /// Why it was returned (empty when approved).
        public var reasons: [String]
        /// The reviewer (token label), or `system` for the completion's name re-check.
        public var reviewer: String
        /// When.
        public var at: Instant
        /// The form version decided on.
        public var version: Int

        /// Creates a review.
        public init(department: Department, decision: Decision, reasons: [String], reviewer: String, at: Instant, version: Int) {
            self.department = department
            self.decision = decision
            self.reasons = reasons
            self.reviewer = reviewer
            self.at = at
            self.version = version
        }
    }

    /// What it asks for.
    public var kind: Kind { request.kind }

    /// The unified form of an establishment; nil for every other kind.
    public var form: ApplicationForm? {
        if case .establishment(let form) = request { return form }
        return nil
    }

    /// The departments that have approved the current version.
    public var approvedDepartments: Set<Department> {
        Set(reviews.filter { $0.decision == .approve && $0.version == version }.map(\.department))
    }

    /// Whether every department has approved the current version.
    public var isFullyApproved: Bool { approvedDepartments.count == Department.allCases.count }
}
