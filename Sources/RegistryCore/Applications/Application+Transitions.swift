/// Why an application cannot make a transition.
public enum ApplicationError: Error, Sendable, Hashable {
    /// The application is not in a state that allows the action (reviewing a completed or returned one,
    /// correcting one under review).
    case wrongState(number: String, state: Application.State, action: String)
    /// This department already decided on the current version.
    case alreadyReviewed(number: String, department: Department, version: Int)
    /// The reviewer decided on a version that is no longer current.
    case staleVersion(number: String, given: Int, current: Int)
    /// A return needs at least one reason.
    case reasonsRequired
    /// A correction must change something.
    case unchangedResubmission(number: String)
    /// A correction must ask for the same kind of registration.
    case kindMismatch(number: String, kind: Application.Kind)
    /// The current version's deadline was already extended (once per version, 条例 第19条).
    case alreadyExtended(number: String, version: Int)
    /// A deadline is extended before it passes, not after.
    case deadlinePassed(number: String, deadline: CalendarDate)
}

extension ApplicationError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .wrongState(let number, let state, let action): "application \(number) is \(state.rawValue); it cannot be \(action)"
        case .alreadyReviewed(let number, let department, let version):
            "the \(department.rawValue) department already decided on version \(version) of application \(number)"
        case .staleVersion(let number, let given, let current):
            "version \(given) of application \(number) is no longer current (now \(current)); review the current version"
        case .reasonsRequired: "returning an application needs at least one reason"
        case .unchangedResubmission(let number): "the correction of application \(number) changes nothing"
        case .kindMismatch(let number, let kind): "application \(number) is a \(kind.rawValue) application; its correction must be one too"
        case .alreadyExtended(let number, let version): "the deadline of version \(version) of application \(number) was already extended once"
        case .deadlinePassed(let number, let deadline): "the deadline of application \(number) passed on \(deadline); it can no longer be extended"
        }
    }
}

extension Application {
    /// Records `review` on the current version. A return sends the application back to the applicant; the
    /// caller completes it when `isFullyApproved` afterwards.
    public mutating func record(_ review: Review) throws(ApplicationError) {
        guard state == .underReview else {
            throw .wrongState(number: number, state: state, action: "reviewed")
        }
        guard review.version == version else { throw .staleVersion(number: number, given: review.version, current: version) }
        guard !reviews.contains(where: { $0.department == review.department && $0.version == version }) else {
            throw .alreadyReviewed(number: number, department: review.department, version: version)
        }
        if review.decision == .return && review.reasons.isEmpty { throw .reasonsRequired }
        reviews.append(review)
        if review.decision == .return { state = .returned }
    }

    /// Replaces the form of a returned application with its correction: a new version that every department
    /// reviews again, due `deadline` (counted from the resubmission).
    public mutating func correct(with corrected: ApplicationRequest, at instant: Instant, deadline: CalendarDate) throws(ApplicationError) {
        guard state == .returned else { throw .wrongState(number: number, state: state, action: "corrected") }
        guard corrected.kind == kind else { throw .kindMismatch(number: number, kind: kind) }
        guard corrected != request else { throw .unchangedResubmission(number: number) }
        request = corrected
        version += 1
        state = .underReview
        submittedAt = instant
        self.deadline = deadline
        deadlineExtension = nil
    }

    /// Marks a fully approved application complete with its new code.
    public mutating func complete(code: CreditCode, at instant: Instant) throws(ApplicationError) {
        guard state == .underReview, isFullyApproved else {
            throw .wrongState(number: number, state: state, action: "completed before every department approved")
        }
        state = .completed
        self.code = code
        completedAt = instant
    }

    /// Returns a fully approved application whose name no longer passes the re-check at completion: the
    /// market part goes back to the applicant with the check's reasons (reviewer `system`).
    public mutating func returnAtCompletion(reasons: [String], at instant: Instant) {
        reviews.append(Review(department: .market, decision: .return, reasons: reasons, reviewer: "system", at: instant, version: version))
        state = .returned
    }

    /// The decisions on the current version.
    public var currentReviews: [Review] { reviews.filter { $0.version == version } }
}
