import RegistryCore

/// The view of a name check, shared by `POST /v1/name-checks`, reservations and `yizhao name check --json`
/// (SPEC §7: `verdict`, `findings`, `conflicts`, `parse`).
public struct NameCheckView: Codable, Sendable, Hashable {
    /// One finding.
    public struct Finding: Codable, Sendable, Hashable {
        public let rule: String
        public let severity: String
        public let article: String
        public let message: String
        public let messageEn: String
        public let text: String?
        public let position: Int?
        public let suggestion: String?
    }

    /// One conflict with an existing name.
    public struct Conflict: Codable, Sendable, Hashable {
        public let rule: String
        public let severity: String
        /// For `I-CONFLICT-WAIVED`, the block that was waived.
        public let waivedRule: String?
        /// The existing entity's code (nil for a reservation).
        public let code: String?
        public let name: String
        /// 存续, 注销, 曾用名 (a former name), 保留中 (a reservation).
        public let status: String
        /// `entity`, `former-name` or `reservation`.
        public let source: String
        public let industryCode: String
        public let message: String
        public let messageEn: String
    }

    /// The parse.
    public struct Parse: Codable, Sendable, Hashable {
        public let region: String
        /// `prefix`, `bracket` or `none`.
        public let regionPlacement: String
        public let zihao: String
        public let industry: String
        public let form: String
    }

    public let verdict: String
    public let findings: [Finding]
    public let conflicts: [Conflict]
    public let parse: Parse

    /// The view of `result`.
    public init(_ result: NameCheckResult) {
        verdict = result.verdict.rawValue
        findings = result.findings.map {
            Finding(rule: $0.rule.id, severity: $0.severity.rawValue, article: $0.rule.article, message: $0.message,
                    messageEn: $0.messageEnglish, text: $0.text, position: $0.position, suggestion: $0.suggestion)
        }
        conflicts = result.conflicts.map {
            Conflict(rule: $0.rule.id, severity: $0.severity.rawValue, waivedRule: $0.waivedRule?.id, code: $0.existing.code?.rawValue,
                     name: $0.existing.name, status: $0.existing.status, source: $0.existing.source.rawValue,
                     industryCode: $0.existing.industry.rawValue, message: $0.message, messageEn: $0.messageEnglish)
        }
        let parts = result.parse
        parse = Parse(region: parts.region, regionPlacement: parts.regionPlacement.rawValue, zihao: parts.zihao, industry: parts.industry,
                      form: parts.groupWord + parts.form)
    }
}

/// The view of a name reservation.
public struct NameReservationView: Codable, Sendable, Hashable {
    public let id: String
    public let name: String
    public let type: String
    public let industry: String
    public let authority: String
    public let applicant: String
    public let reservedOn: String
    /// The first day the reservation no longer counts.
    public let expiresOn: String
    public let needsPreapproval: Bool
    /// `active`, `cancelled`, `consumed` or `expired`.
    public let state: String
    public let stateChangedOn: String?

    /// The view of `reservation`.
    public init(_ reservation: NameReservation) {
        id = reservation.id
        name = reservation.name
        type = reservation.type.rawValue
        industry = reservation.industry.rawValue
        authority = reservation.authority.description
        applicant = reservation.applicant
        reservedOn = reservation.reservedOn.description
        expiresOn = reservation.expiresOn.description
        needsPreapproval = reservation.needsPreapproval
        state = reservation.state.rawValue
        stateChangedOn = reservation.stateChangedOn?.description
    }
}
