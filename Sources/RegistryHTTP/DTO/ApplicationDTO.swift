import RegistryCore

/// An application as the API shows it (staff only: the form carries identity numbers).
struct ApplicationView: Codable, Sendable {
    struct ReviewView: Codable, Sendable {
        let department: String
        let decision: String
        let reasons: [String]
        let reviewer: String
        let at: String
        let version: Int
    }

    let number: String
    let kind: String
    let state: String
    let version: Int
    /// The unified form of an establishment.
    let form: ApplicationForm?
    /// The items of a change.
    let change: ChangeForm?
    /// The deregistration.
    let deregistration: DeregistrationForm?
    /// A suspension, resumption or liquidation filing.
    let filing: StatusFiling?
    let acceptedBy: String
    let receivedAt: String
    let submittedAt: String
    let deadline: String
    /// Departments that approved the current version.
    let approvedBy: [String]
    /// Every decision, oldest first.
    let reviews: [ReviewView]
    let completedAt: String?
    let code: String?
    /// The current version's deadline extension (延长审查期限), if any.
    let deadlineExtension: DeadlineExtension?

    init(_ application: RegistryCore.Application) {
        number = application.number
        kind = application.kind.rawValue
        state = application.state.rawValue
        version = application.version
        form = application.form
        if case .change(let value) = application.request { change = value } else { change = nil }
        if case .deregistration(let value) = application.request { deregistration = value } else { deregistration = nil }
        if case .statusFiling(let value) = application.request { filing = value } else { filing = nil }
        acceptedBy = application.acceptedBy
        receivedAt = application.receivedAt.description
        submittedAt = application.submittedAt.description
        deadline = application.deadline.description
        approvedBy = application.approvedDepartments.sorted().map(\.rawValue)
        reviews = application.reviews.map {
            ReviewView(department: $0.department.rawValue, decision: $0.decision.rawValue, reasons: $0.reasons, reviewer: $0.reviewer,
                       at: $0.at.description, version: $0.version)
        }
        completedAt = application.completedAt?.description
        code = application.code?.rawValue
        deadlineExtension = application.deadlineExtension
    }
}

/// A page of applications.
struct ApplicationListDTO: Codable, Sendable {
    let applications: [ApplicationView]
    /// Pass as `after` for the next page; nil on the last page.
    let next: String?
}

/// The body of `POST /v1/applications/{number}/reviews/{department}`.
struct ReviewRequestDTO: Decodable, Sendable {
    /// `approve` or `return`.
    let decision: String
    /// Why it is returned (required for a return).
    let reasons: [String]?
    /// The version decided on; the current one when absent.
    let version: Int?
}

/// The body of `POST /v1/applications/{number}/deadline-extension`.
struct DeadlineExtensionRequestDTO: Decodable, Sendable {
    /// Why the case needs longer (2–500 characters).
    let reason: String?
    /// The registration authority's head who approved it (2–30 characters).
    let approvedBy: String?
}
