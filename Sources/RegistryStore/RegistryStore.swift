import RegistryCore

/// The registry's storage. Every backend (SQLite, PostgreSQL) implements it and passes `StoreContract`.
///
/// Each mutating call is one transaction: the entity, its registrations, its name history, its code
/// allocation and its search index change together or not at all.
public protocol RegistryStore: ApplicationStore, AccessStore, AuditStore {
    /// Applies pending migrations; refuses a database migrated by a newer Yizhao.
    func migrate() async throws(StoreError)

    /// How many entities the registry holds.
    func entityCount() async throws(StoreError) -> Int

    /// Removes every entity, registration, application and name reservation (for `seed --force`), in one
    /// transaction; the audit log is kept.
    func eraseRegistry() async throws(StoreError)

    /// Releases the store's connections (a no-op for a file that closes with the process).
    func close() async

    /// Loads complete dossiers with their existing codes (seeding, imports) in **one** transaction,
    /// building the search index; `produce(i)` is called for batches 0..<batches so memory stays
    /// bounded, and `progress` gets the running count. Code allocation afterwards never collides.
    func importDossiers(batches: Int, produce: @escaping @Sendable (Int) -> [EntityDossier],
                        progress: @escaping @Sendable (Int) -> Void) async throws(StoreError)

    /// Registers a new entity: allocates its code from the registry's sequence, writes the entity,
    /// its first license, tax and statistics registrations, name history and search index.
    func register(_ draft: EntityDraft) async throws(StoreError) -> EntityDossier

    /// Renames an entity on `date`: the old name becomes a former name (still searchable), a new
    /// license version is issued.
    func rename(_ code: CreditCode, to name: String, parts: NameParts, on date: CalendarDate) async throws(StoreError) -> EntityDossier

    /// Changes an entity's status on `date` (deregistration, revocation, moving out).
    func changeStatus(_ code: CreditCode, to status: EntityStatus, on date: CalendarDate) async throws(StoreError) -> EntityDossier

    /// The dossier of one entity, or nil.
    func dossier(_ code: CreditCode) async throws(StoreError) -> EntityDossier?

    /// One page of search results (SPEC §3 ranking, cursor pagination, totals exact up to 10,000).
    func search(_ query: SearchQuery) async throws(StoreError) -> SearchPage

    /// Existing names a proposed name is compared with: current and former names of entities and active
    /// reservations in the query's authority that share, sound like, contain or are contained in its
    /// 字号, or have the same name; former and ended names only when they ended on or after
    /// `endedSince`.
    func nameCandidates(_ query: NameCandidateQuery) async throws(StoreError) -> [NameCandidate]

    /// Check-and-reserve in **one** transaction: reads the candidates, asks `decide` for the verdict, and
    /// stores `reservation` only when the verdict is `available`, or `warning` with `allowingWarnings` (the
    /// applicant's commitment). Two concurrent calls never both reserve conflicting names. A reservation made is
    /// audited (`name.reserve`) as `actor`'s at `instant`; a refusal changes nothing and is not.
    func reserveName(_ reservation: NameReservation, query: NameCandidateQuery,
                     decide: @escaping @Sendable ([NameCandidate]) -> NameCheckResult, allowingWarnings: Bool, actor: Actor, at instant: Instant,
                     idempotency: Idempotent<NameReservationOutcome>?) async throws(StoreError) -> Replayable<NameReservationOutcome>

    /// One reservation, or nil.
    func nameReservation(id: String) async throws(StoreError) -> NameReservation?

    /// Cancels an active reservation at `instant` (its China day), audited (`name.cancel`) as `actor`'s.
    func cancelNameReservation(id: String, actor: Actor, at instant: Instant,
                               idempotency: Idempotent<NameReservation>?) async throws(StoreError) -> Replayable<NameReservation>
}

extension RegistryStore {
    /// Nothing to release by default.
    public func close() async {}

    /// Check-and-reserve without an idempotency key, warnings accepted.
    public func reserveName(_ reservation: NameReservation, query: NameCandidateQuery,
                            decide: @escaping @Sendable ([NameCandidate]) -> NameCheckResult) async throws(StoreError) -> NameReservationOutcome {
        try await reserveName(reservation, query: query, decide: decide, allowingWarnings: true, actor: .public,
                              at: Instant(day: reservation.reservedOn), idempotency: nil).freshValue
    }

    /// Cancels on `day` without an idempotency key, as the public.
    public func cancelNameReservation(id: String, on day: CalendarDate) async throws(StoreError) -> NameReservation {
        try await cancelNameReservation(id: id, actor: .public, at: Instant(day: day), idempotency: nil).freshValue
    }

    /// Imports `dossiers` in one transaction.
    public func importDossiers(_ dossiers: [EntityDossier]) async throws(StoreError) {
        try await importDossiers(batches: 1, produce: { _ in dossiers }, progress: { _ in })
    }
}

/// What a new registration supplies; the store adds the code.
public struct EntityDraft: Sendable, Hashable {
    /// The entity without a code.
    public var name: String
    /// Name parts.
    public var nameParts: NameParts
    /// Type.
    public var type: EntityType
    /// Registering authority.
    public var authority: RegionCode
    /// 住所.
    public var domicile: String
    /// Legal representative or operator.
    public var legalRepresentative: Person
    /// 注册资本 in yuan.
    public var registeredCapitalYuan: Int64?
    /// 经营范围.
    public var businessScope: String
    /// Industry.
    public var industry: IndustryCode
    /// 成立日期 (the registration date).
    public var establishedOn: CalendarDate
    /// 营业期限 end, nil for 长期.
    public var operatingTermEnd: CalendarDate?
    /// The tax part.
    public var tax: TaxRegistration
    /// The statistics part.
    public var statistics: StatisticsRegistration

    /// Creates a draft.
    public init(name: String, nameParts: NameParts, type: EntityType, authority: RegionCode, domicile: String,
                legalRepresentative: Person, registeredCapitalYuan: Int64?, businessScope: String, industry: IndustryCode,
                establishedOn: CalendarDate, operatingTermEnd: CalendarDate?, tax: TaxRegistration,
                statistics: StatisticsRegistration) {
        self.name = name
        self.nameParts = nameParts
        self.type = type
        self.authority = authority
        self.domicile = domicile
        self.legalRepresentative = legalRepresentative
        self.registeredCapitalYuan = registeredCapitalYuan
        self.businessScope = businessScope
        self.industry = industry
        self.establishedOn = establishedOn
        self.operatingTermEnd = operatingTermEnd
        self.tax = tax
        self.statistics = statistics
    }

    /// The dossier this draft becomes under `code`.
    public func dossier(code: CreditCode) -> EntityDossier {
        let entity = MarketEntity(
            code: code, name: name, nameParts: nameParts, type: type, status: .active, authority: authority,
            domicile: domicile, legalRepresentative: legalRepresentative, registeredCapitalYuan: registeredCapitalYuan,
            businessScope: businessScope, industry: industry, establishedOn: establishedOn, operatingTermEnd: operatingTermEnd)
        return EntityDossier(
            entity: entity, licenses: [BusinessLicense(entity: entity, version: 1, issuedOn: establishedOn)],
            tax: tax, statistics: statistics,
            names: [NameRecord(name: name, zihao: nameParts.zihao, validFrom: establishedOn, validTo: nil)])
    }

    /// The search entry of the registered dossier (its one name): computable before the code is allocated.
    public var searchDocument: String { SearchText.document(names: [name]) }
}
