import RegistryCore

/// The body of `POST /v1/entities/{code}/abnormal-listings`.
struct AbnormalListingRequestDTO: Decodable, Sendable {
    /// `annual-report-missing`, `unreachable-at-domicile` or `name-not-corrected`.
    let reason: String?
    /// The listing decision's number (4–60 characters).
    let documentNumber: String?
    /// The day the listing takes effect, YYYY-MM-DD, not after today.
    let listedOn: String?
}

/// The body of `POST /v1/entities/{code}/abnormal-listings/{id}/removal`.
struct AbnormalRemovalRequestDTO: Decodable, Sendable {
    let documentNumber: String?
    let removedOn: String?
    let reason: String?
}

/// A listing as the API shows it (public, as the 经营异常名录 is).
struct AbnormalListingView: Encodable, Sendable {
    struct Removal: Encodable, Sendable {
        let documentNumber: String
        let removedOn: String
        let reason: String
    }

    let id: Int64
    let code: String
    let reason: String
    let reasonDisplay: String
    let documentNumber: String
    let listedOn: String
    let inForce: Bool
    let removal: Removal?

    init(_ listing: AbnormalListing) {
        id = listing.id
        code = listing.code.rawValue
        reason = listing.reason.rawValue
        reasonDisplay = listing.reason.display
        documentNumber = listing.documentNumber
        listedOn = listing.listedOn.description
        inForce = listing.isInForce
        removal = listing.removal.map { Removal(documentNumber: $0.documentNumber, removedOn: $0.removedOn.description, reason: $0.reason) }
    }
}

/// `GET /v1/entities/{code}/abnormal-listings`.
struct AbnormalListingListDTO: Encodable, Sendable {
    let listings: [AbnormalListingView]
}
