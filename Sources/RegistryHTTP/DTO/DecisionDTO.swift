import RegistryCore

/// The body of `POST /v1/entities/{code}/decisions`; every field is checked, and all errors are reported at once.
struct DecisionRequestDTO: Decodable, Sendable {
    /// `license-revocation`, `registration-revocation` or `revocation-reversal`.
    let action: String?
    /// The decision document's number (决定书文号, 4–60 characters).
    let documentNumber: String?
    /// The day of the decision, YYYY-MM-DD, not after today.
    let decidedOn: String?
    /// The grounds (2–500 characters).
    let reason: String?
}

/// A recorded decision as the API shows it (public: such decisions are published, 条例 第40条, 第44–46条).
struct DecisionView: Encodable, Sendable {
    let id: Int64
    let code: String
    let action: String
    let actionDisplay: String
    let documentNumber: String
    let decidedOn: String
    let reason: String
    let statusBefore: String
    let statusBeforeCode: String
    let statusAfter: String
    let statusAfterCode: String
    let recordedAt: String

    init(_ record: RegistrationDecision.Record) {
        let decision = record.decision
        id = record.id
        code = decision.code.rawValue
        action = decision.action.rawValue
        actionDisplay = decision.action.display
        documentNumber = decision.documentNumber
        decidedOn = decision.decidedOn.description
        reason = decision.reason
        statusBefore = record.statusBefore.display
        statusBeforeCode = record.statusBefore.rawValue
        statusAfter = record.statusAfter.display
        statusAfterCode = record.statusAfter.rawValue
        recordedAt = record.recordedAt.description
    }
}

/// `GET /v1/entities/{code}/decisions`.
struct DecisionListDTO: Encodable, Sendable {
    let decisions: [DecisionView]
}
