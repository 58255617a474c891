import GRDB
import RegistryCore
import RegistryStore

/// Rows of `registration_decisions` (migration 0011): the 吊销, 撤销 and reversal decisions recorded on entities, with
/// the status each found and left, so that a reversal restores the former state.
enum DecisionRecord {
    static let createSQL = """
        CREATE TABLE registration_decisions (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            action TEXT NOT NULL CHECK (action IN ('license-revocation','registration-revocation','revocation-reversal')),
            document_number TEXT NOT NULL CHECK (length(document_number) BETWEEN 4 AND 60),
            decided_on TEXT NOT NULL CHECK (length(decided_on) = 10),
            reason TEXT NOT NULL,
            status_before TEXT NOT NULL,
            suspended_until_before TEXT,
            status_after TEXT NOT NULL,
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            UNIQUE (entity_id, document_number)
        );
        """

    static let columns = """
        d.id, d.action, d.document_number, d.decided_on, d.reason, d.status_before, d.suspended_until_before, d.status_after, \
        d.recorded_by, d.recorded_at, e.code
        """

    /// The entity's decisions, oldest first.
    static func fetch(_ db: Database, entityID: Int64) throws -> [RegistrationDecision.Record] {
        try Row.fetchAll(try db.cachedStatement(sql: """
            SELECT \(columns) FROM registration_decisions d JOIN entities e ON e.id = d.entity_id WHERE d.entity_id = ? ORDER BY d.id
            """), arguments: [entityID]).map(record)
    }

    /// Stores a decision with its outcome; its id.
    static func insert(_ db: Database, entityID: Int64, _ decision: RegistrationDecision, before: MarketEntity, after: EntityStatus,
                       recordedBy: String, at instant: Instant) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO registration_decisions (entity_id, action, document_number, decided_on, reason, status_before, suspended_until_before,
                status_after, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [entityID, decision.action.rawValue, decision.documentNumber, decision.decidedOn.description, decision.reason,
                                     before.status.display, before.suspendedUntil?.description, after.display, recordedBy, instant.description])
        return db.lastInsertedRowID
    }

    static func record(_ row: Row) throws -> RegistrationDecision.Record {
        let decision = RegistrationDecision(
            action: try DossierReader.parse(row[1], RegistrationDecision.Action.init(rawValue:), "action"),
            code: try DossierReader.code(row[10]), documentNumber: row[2], decidedOn: try DossierReader.date(row[3]), reason: row[4])
        let suspendedUntil: String? = row[6]
        return RegistrationDecision.Record(
            id: row[0], decision: decision, statusBefore: try DossierReader.parse(row[5], EntityStatus.init(parsing:), "status_before"),
            suspendedUntilBefore: try suspendedUntil.map(DossierReader.date),
            statusAfter: try DossierReader.parse(row[7], EntityStatus.init(parsing:), "status_after"), recordedBy: row[8],
            recordedAt: try ApplicationRecord.parse(Instant(iso: row[9]), "recorded_at"))
    }
}
