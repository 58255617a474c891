/// An entity's records in the registers kept beside its dossier — registration decisions, 经营异常名录 listings and
/// 简易注销 notices — each oldest first (by id).
public struct EntityRegisters: Sendable, Hashable, Codable {
    public var decisions: [RegistrationDecision.Record]
    public var abnormalListings: [AbnormalListing]
    public var notices: [DeregistrationNotice]

    /// Creates an entity's registers.
    public init(decisions: [RegistrationDecision.Record], abnormalListings: [AbnormalListing], notices: [DeregistrationNotice]) {
        self.decisions = decisions
        self.abnormalListings = abnormalListings
        self.notices = notices
    }

    /// No records (every new entity's).
    public static let none = EntityRegisters(decisions: [], abnormalListings: [], notices: [])

    public var isEmpty: Bool { decisions.isEmpty && abnormalListings.isEmpty && notices.isEmpty }
}

/// What a change-feed entry's `oldValues` and `newValues` hold: the entity's dossier, its fields at the top level,
/// and, when the entity has any, its register records under `registers`. (An entity with none has exactly the
/// dossier's JSON, as every entry had before the registers were in the feed.)
public struct ChangeFeedValues: Sendable, Hashable, Codable {
    public var dossier: EntityDossier
    public var registers: EntityRegisters

    /// Creates change-feed values.
    public init(dossier: EntityDossier, registers: EntityRegisters) {
        self.dossier = dossier
        self.registers = registers
    }

    private enum CodingKeys: String, CodingKey {
        case registers
    }

    public init(from decoder: any Decoder) throws {
        dossier = try EntityDossier(from: decoder)
        registers = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(EntityRegisters.self, forKey: .registers) ?? .none
    }

    public func encode(to encoder: any Encoder) throws {
        try dossier.encode(to: encoder)
        guard !registers.isEmpty else { return }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(registers, forKey: .registers)
    }
}
