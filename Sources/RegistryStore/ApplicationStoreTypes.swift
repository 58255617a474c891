import RegistryCore

/// What acceptance hands the store; the store assigns the number.
public struct NewApplication: Sendable, Hashable {
    /// What it asks for, with the validated form.
    public var request: ApplicationRequest
    /// The accepting clerk's label.
    public var acceptedBy: String
    /// When it was accepted.
    public var receivedAt: Instant
    /// The decision deadline.
    public var deadline: CalendarDate

    /// Creates the value.
    public init(request: ApplicationRequest, acceptedBy: String, receivedAt: Instant, deadline: CalendarDate) {
        self.request = request
        self.acceptedBy = acceptedBy
        self.receivedAt = receivedAt
        self.deadline = deadline
    }
}

/// How to complete a fully approved application, prepared by the service (pure work, done outside the writer
/// where it can be).
public struct CompletionPlan: Sendable {
    /// The name re-check: the candidates to read and the verdict on them.
    public struct NameRecheck: Sendable {
        /// The candidate query.
        public var query: NameCandidateQuery
        /// The verdict from the candidates (the application's own reservation and entity excluded).
        public var decide: @Sendable ([NameCandidate]) -> NameCheckResult

        /// Creates a re-check.
        public init(query: NameCandidateQuery, decide: @escaping @Sendable ([NameCandidate]) -> NameCheckResult) {
            self.query = query
            self.decide = decide
        }
    }

    /// The re-check of a new name (establishments, renames); nil when no name is registered.
    public var nameCheck: NameRecheck?
    /// The entity an establishment registers (its code allocated in the transaction).
    public var draft: EntityDraft?
    /// The parts of a change's new name.
    public var newNameParts: NameParts?
    /// The registration day (成立日期, the change's or deregistration's date).
    public var day: CalendarDate
    /// An establishment's change-feed entry, prepared outside the writer: the registered dossier as JSON under
    /// `placeholderCode`, cut into the pieces around each occurrence of it, which the transaction joins with the
    /// allocated code.
    public var registrationFeed: (pieces: [String], placeholderCode: CreditCode)?
    /// An establishment's search document (`SearchText.document` of its name), prepared outside the writer.
    public var searchDocument: String?

    /// Creates a plan.
    public init(nameCheck: NameRecheck?, draft: EntityDraft?, newNameParts: NameParts?, day: CalendarDate) {
        self.nameCheck = nameCheck
        self.draft = draft
        self.newNameParts = newNameParts
        self.day = day
        self.registrationFeed = nil
        self.searchDocument = nil
    }
}

/// The writes of a completing transaction, in order: fault injection names them.
public enum CompletionStep: String, Sendable, Hashable, CaseIterable {
    case review, code, entity, license, tax, statistics, nameHistory = "name-history", searchIndex = "search-index",
         reservation, audit, changeFeed = "change-feed", application
}

/// One committed change to the registry (the change feed, SPEC §5).
public struct ChangeRecord: Sendable, Hashable {
    /// Sequence number, increasing without gaps in commit order.
    public var sequence: Int64
    /// When it was committed.
    public var at: Instant
    /// The entity's code.
    public var code: CreditCode
    /// `registered`, …
    public var change: String
    /// The values before (JSON), nil for a registration.
    public var oldValues: String?
    /// The values after (JSON).
    public var newValues: String

    /// Creates a record.
    public init(sequence: Int64, at: Instant, code: CreditCode, change: String, oldValues: String?, newValues: String) {
        self.sequence = sequence
        self.at = at
        self.code = code
        self.change = change
        self.oldValues = oldValues
        self.newValues = newValues
    }
}

/// One audit-log entry.
public struct AuditEntry: Sendable, Hashable {
    /// Sequence number.
    public var sequence: Int64
    /// When.
    public var at: Instant
    /// Who (token label).
    public var actor: String
    /// In which role.
    public var role: String
    /// What (`application.accept`, `application.review`, `registration.complete`, `token.create`…).
    public var action: String
    /// On what (an application number, a code, a token id).
    public var target: String
    /// The request id, if any.
    public var requestID: String?
    /// The previous entry's `hash` (`AuditChain.genesis` for the first entry).
    public var previousHash: String
    /// Lower-case hex SHA-256 of this entry's content and `previousHash` (`AuditChain.hash`).
    public var hash: String

    /// Creates an entry.
    public init(sequence: Int64, at: Instant, actor: String, role: String, action: String, target: String, requestID: String?,
                previousHash: String, hash: String) {
        self.sequence = sequence
        self.at = at
        self.actor = actor
        self.role = role
        self.action = action
        self.target = target
        self.requestID = requestID
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The entry `sequence` with its hash computed from its content and `previousHash`.
    public init(sequence: Int64, at: Instant, actor: String, role: String, action: String, target: String, requestID: String?,
                previousHash: String) {
        self.init(sequence: sequence, at: at, actor: actor, role: role, action: action, target: target, requestID: requestID,
                  previousHash: previousHash, hash: "")
        hash = AuditChain.hash(of: self)
    }
}

/// The raw material of supervision statistics (电子监察), read in one transaction.
public struct SupervisionFacts: Sendable, Hashable {
    /// One application's timeline.
    public struct Case: Sendable, Hashable {
        public var number: String
        public var receivedAt: Instant
        public var completedAt: Instant?
        public var deadline: CalendarDate
        public var state: Application.State

        /// Creates a case.
        public init(number: String, receivedAt: Instant, completedAt: Instant?, deadline: CalendarDate, state: Application.State) {
            self.number = number
            self.receivedAt = receivedAt
            self.completedAt = completedAt
            self.deadline = deadline
            self.state = state
        }
    }

    /// One department decision and when the version it decided on was submitted.
    public struct Decision: Sendable, Hashable {
        public var number: String
        public var department: Department
        public var decision: Application.Review.Decision
        public var reviewer: String
        public var at: Instant
        public var submittedAt: Instant

        /// Creates a decision.
        public init(number: String, department: Department, decision: Application.Review.Decision, reviewer: String, at: Instant,
                    submittedAt: Instant) {
            self.number = number
            self.department = department
            self.decision = decision
            self.reviewer = reviewer
            self.at = at
            self.submittedAt = submittedAt
        }
    }

    /// Applications received or completed in the period.
    public var cases: [Case]
    /// Decisions made in the period.
    public var decisions: [Decision]

    /// Creates the facts.
    public init(cases: [Case], decisions: [Decision]) {
        self.cases = cases
        self.decisions = decisions
    }
}
