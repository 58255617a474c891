import RegistryService

/// The body of `POST /v1/name-checks`.
struct NameCheckRequestDTO: Decodable, Sendable {
    let name: String
    let type: String
    let industry: String
    let authority: String
    let parent: String?
    /// Codes of entities the applicant declares an investment relationship with or a transfer from.
    let related: [String]?
}

/// What the body of `POST /v1/name-reservations` has beyond a check's fields (the same JSON object).
struct NameReservationExtrasDTO: Decodable, Sendable {
    /// Who reserves (the investors' names).
    let applicant: String
    /// A pre-registration approval is needed: reserved for a year instead of two months.
    let needsPreapproval: Bool?
    /// The applicant accepts the check's risk warnings (办法 第22条); needed when it warns.
    let nameCommitment: Bool?
}

/// The answer of a successful reservation.
struct NameReservationCreatedDTO: Codable, Sendable {
    let reservation: NameReservationView
    let check: NameCheckView
}
