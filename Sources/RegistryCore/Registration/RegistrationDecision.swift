/// A registration authority's decision on a registered entity's status, made outside the application flow
/// (`domain/process.md` §7): 吊销营业执照, the business license revoked as a penalty (条例 第44–46条); 撤销登记, a
/// registration obtained by false means revoked (条例 第40条); and the reversal of a 撤销 found wrong, which restores
/// the entity's former state (条例 第42条).
public struct RegistrationDecision: Sendable, Hashable, Codable {
    /// What is decided.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        /// 吊销营业执照: the entity becomes 吊销 and exists until its 注销.
        case licenseRevocation = "license-revocation"
        /// 撤销登记: the entity becomes 撤销.
        case registrationRevocation = "registration-revocation"
        /// 撤销 reversed: the entity returns to the status it had before the 撤销.
        case revocationReversal = "revocation-reversal"

        /// The decision as the authority names it.
        public var display: String {
            switch self {
            case .licenseRevocation: "吊销营业执照"
            case .registrationRevocation: "撤销登记"
            case .revocationReversal: "撤销被撤销的登记"
            }
        }
    }

    /// A decision as recorded: what the entity was before it and what it is after.
    public struct Record: Sendable, Hashable, Codable {
        /// The record's number in this registry (increasing).
        public var id: Int64
        /// The decision.
        public var decision: RegistrationDecision
        /// The entity's status before the decision (and a 歇业 period's last day), which a reversal restores.
        public var statusBefore: EntityStatus
        public var suspendedUntilBefore: CalendarDate?
        /// The entity's status after it.
        public var statusAfter: EntityStatus
        /// Who recorded it (token label) and when.
        public var recordedBy: String
        public var recordedAt: Instant

        /// Creates a record.
        public init(id: Int64, decision: RegistrationDecision, statusBefore: EntityStatus, suspendedUntilBefore: CalendarDate?,
                    statusAfter: EntityStatus, recordedBy: String, recordedAt: Instant) {
            self.id = id
            self.decision = decision
            self.statusBefore = statusBefore
            self.suspendedUntilBefore = suspendedUntilBefore
            self.statusAfter = statusAfter
            self.recordedBy = recordedBy
            self.recordedAt = recordedAt
        }
    }

    /// What is decided.
    public var action: Action
    /// The entity.
    public var code: CreditCode
    /// The decision document's number (决定书文号, e.g. 长市监处罚〔2026〕118号), unique per entity.
    public var documentNumber: String
    /// The day of the decision: the entity's status changes on it.
    public var decidedOn: CalendarDate
    /// The grounds (the provision and the facts).
    public var reason: String

    /// Creates a decision from valid values.
    public init(action: Action, code: CreditCode, documentNumber: String, decidedOn: CalendarDate, reason: String) {
        self.action = action
        self.code = code
        self.documentNumber = documentNumber
        self.decidedOn = decidedOn
        self.reason = reason
    }

    /// Validates the submitted fields for the entity `code`; every invalid one is reported at once (`/action`,
    /// `/documentNumber` of 4–60 characters, `/decidedOn` a date not after `today`, `/reason` of 2–500 characters).
    public static func validate(action: String?, documentNumber: String?, decidedOn: String?, reason: String?, code: CreditCode,
                                today: CalendarDate) -> Result<RegistrationDecision, FormErrors> {
        var check = FieldCheck(today: today)
        let kind = check.choice(action, "/action", Action.self, what: "the action")
        let document = check.text(documentNumber, "/documentNumber", 4...60, what: "the decision document's number")
        let day = check.pastDate(decidedOn, "/decidedOn", what: "the day of the decision")
        let grounds = check.text(reason, "/reason", 2...500, what: "the grounds")
        guard check.errors.isEmpty, let kind, let document, let day, let grounds else { return .failure(FormErrors(check.errors)) }
        return .success(RegistrationDecision(action: kind, code: code, documentNumber: document, decidedOn: day, reason: grounds))
    }
}
