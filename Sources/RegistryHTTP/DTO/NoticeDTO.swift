import RegistryCore

/// The body of `POST /v1/entities/{code}/deregistration-notices`.
struct NoticeRequestDTO: Decodable, Sendable {
    /// Every investor's written commitment (全体投资人承诺书) is given: must be true.
    let investorsCommitment: Bool?
}

/// The body of `POST /v1/entities/{code}/deregistration-notices/{id}/objection`.
struct ObjectionRequestDTO: Decodable, Sendable {
    let party: String?
    let reason: String?
}

/// A notice as the API shows it (public, as the notice itself is).
struct NoticeView: Encodable, Sendable {
    struct Objection: Encodable, Sendable {
        let party: String
        let reason: String
        let objectedOn: String
    }

    let id: Int64
    let code: String
    let from: String
    let to: String
    let applyBy: String
    /// Whether the notice runs today (the flag 简易注销公告中).
    let published: Bool
    let objection: Objection?

    init(_ notice: DeregistrationNotice, today: CalendarDate) {
        id = notice.id
        code = notice.code.rawValue
        from = notice.from.description
        to = notice.to.description
        applyBy = notice.applyBy.description
        published = notice.isPublished(on: today)
        objection = notice.objection.map { Objection(party: $0.party, reason: $0.reason, objectedOn: $0.objectedOn.description) }
    }
}

/// `GET /v1/entities/{code}/deregistration-notices`.
struct NoticeListDTO: Encodable, Sendable {
    let notices: [NoticeView]
}
