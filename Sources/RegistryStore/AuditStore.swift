import RegistryCore

/// What auditors read (SPEC §5): consistent snapshots, the snapshot chain, the audit log and open data.
public protocol AuditStore: Sendable {
    /// Runs `body(part, source)` for each of `parts` read transactions that all see the registry as of **one**
    /// committed point, while writes go on (the parts run concurrently, on connections of their own). `body` runs
    /// off the caller's task and may block (it writes files). The results come in part order.
    func withSnapshot<T: Sendable>(parts: Int, _ body: @escaping @Sendable (Int, any SnapshotSource) -> T) async throws(StoreError) -> [T]
    /// Appends a snapshot to the chain and audits its export, in one transaction; refuses (`conflict`) unless
    /// `record.number` follows the last recorded snapshot and `record.previousSHA256` is that snapshot's
    /// manifest hash. With `idempotency`, a key seen before returns its recorded reply and records nothing.
    func recordSnapshot(_ record: SnapshotRecord, actor: Actor, action: String,
                        idempotency: Idempotent<SnapshotRecord>?) async throws(StoreError) -> Replayable<SnapshotRecord>
    /// Recorded snapshots, newest first, at most `limit`.
    func snapshotRecords(limit: Int) async throws(StoreError) -> [SnapshotRecord]
    /// One page of open data: entities whose industry section is in `sections`, ordered by section then code,
    /// after `cursor`, at most `limit`.
    func openData(sections: [Character], after cursor: OpenDataCursor?, limit: Int) async throws(StoreError) -> [OpenDataRecord]
}

/// A registry read inside one transaction.
public protocol SnapshotSource {
    /// Where the registry stands in this transaction.
    var head: SnapshotHead { get }
    /// Rows per table in this transaction.
    func rowCounts() throws -> [SnapshotTable: Int]
    /// Streams every row of `table` into `sink`, in file order (SnapshotTable). Throws what the sink throws,
    /// or a `StoreError`.
    func rows(of table: SnapshotTable, into sink: any SnapshotRowSink) throws
}

/// The registry's position as a snapshot sees it.
public struct SnapshotHead: Sendable, Hashable {
    /// The last committed change-feed sequence number (0 when there is none).
    public var sequence: Int64
    /// The audit log's last entry.
    public var audit: AuditChainHead?
    /// The last recorded snapshot.
    public var lastSnapshot: SnapshotRecord?

    /// Creates a head.
    public init(sequence: Int64, audit: AuditChainHead?, lastSnapshot: SnapshotRecord?) {
        self.sequence = sequence
        self.audit = audit
        self.lastSnapshot = lastSnapshot
    }
}

/// A snapshot in the registry's chain of snapshots.
public struct SnapshotRecord: Sendable, Hashable, Codable {
    /// 1, 2, 3…
    public var number: Int64
    /// The change-feed sequence number it is as of.
    public var sequence: Int64
    /// When it was taken.
    public var takenAt: Instant
    /// Lower-case hex SHA-256 of its manifest.json.
    public var manifestSHA256: String
    /// The previous snapshot's manifest hash (nil for the first).
    public var previousSHA256: String?

    /// Creates a record.
    public init(number: Int64, sequence: Int64, takenAt: Instant, manifestSHA256: String, previousSHA256: String?) {
        self.number = number
        self.sequence = sequence
        self.takenAt = takenAt
        self.manifestSHA256 = manifestSHA256
        self.previousSHA256 = previousSHA256
    }
}

/// Where an open-data page ends: the last entity's industry section and code.
public struct OpenDataCursor: Sendable, Hashable {
    /// GB/T 4754 section letter.
    public var section: Character
    /// The code.
    public var code: String

    /// Creates a cursor.
    public init(section: Character, code: String) {
        self.section = section
        self.code = code
    }
}

/// What open data shows of one entity (SPEC §5's ten fields come from it); no personal ID numbers.
public struct OpenDataRecord: Sendable, Hashable {
    /// The entity's code.
    public var code: CreditCode
    /// Its name.
    public var name: String
    /// Whether the name is under a correction order (then shown as the code).
    public var nameShownAsCode: Bool
    /// Type.
    public var type: EntityType
    /// Legal representative's or operator's name.
    public var legalRepresentative: String
    /// 成立日期.
    public var establishedOn: CalendarDate
    /// 注册资本.
    public var registeredCapitalYuan: Int64?
    /// 住所.
    public var domicile: String
    /// 登记机关.
    public var authority: RegionCode
    /// 登记状态.
    public var status: EntityStatus
    /// The industry.
    public var industry: IndustryCode
    /// The statistics registration's main activity, if registered.
    public var mainActivity: String?

    /// Creates a record.
    public init(code: CreditCode, name: String, nameShownAsCode: Bool, type: EntityType, legalRepresentative: String,
                establishedOn: CalendarDate, registeredCapitalYuan: Int64?, domicile: String, authority: RegionCode,
                status: EntityStatus, industry: IndustryCode, mainActivity: String?) {
        self.code = code
        self.name = name
        self.nameShownAsCode = nameShownAsCode
        self.type = type
        self.legalRepresentative = legalRepresentative
        self.establishedOn = establishedOn
        self.registeredCapitalYuan = registeredCapitalYuan
        self.domicile = domicile
        self.authority = authority
        self.status = status
        self.industry = industry
        self.mainActivity = mainActivity
    }
}
