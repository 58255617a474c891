import Logging
import PostgresNIO
import RegistryCore
import RegistryStore

/// Rows of `registration_decisions` (migration 0011), as on SQLite.
enum PostgresDecisionRecord {
    /// The entity's decisions, oldest first.
    static func fetch(_ connection: PostgresConnection, entityID: Int64, logger: Logger) async throws -> [RegistrationDecision.Record] {
        var select = SQLStatement("""
            SELECT d.id, d.action, d.document_number, d.decided_on, d.reason, d.status_before, d.suspended_until_before, d.status_after,
                   d.recorded_by, d.recorded_at, e.code
            FROM registration_decisions d JOIN entities e ON e.id = d.entity_id WHERE d.entity_id = 
            """)
        select.append(select.bind(entityID) + " ORDER BY d.id")
        return try await connection.rows(select, logger: logger).map(record)
    }

    /// Stores a decision with its outcome; its id.
    static func insert(_ connection: PostgresConnection, entityID: Int64, _ decision: RegistrationDecision, before: MarketEntity,
                       after: EntityStatus, recordedBy: String, at instant: Instant, logger: Logger) async throws -> Int64 {
        var insert = SQLStatement("""
            INSERT INTO registration_decisions (entity_id, action, document_number, decided_on, reason, status_before, suspended_until_before,
                status_after, recorded_by, recorded_at) VALUES (
            """)
        let values: [String] = [
            insert.bind(entityID), insert.bind(decision.action.rawValue), insert.bind(decision.documentNumber), insert.bind(decision.decidedOn.description),
            insert.bind(decision.reason), insert.bind(before.status.display), insert.bind(before.suspendedUntil?.description), insert.bind(after.display),
            insert.bind(recordedBy), insert.bind(instant.description),
        ]
        insert.append(values.joined(separator: ", ") + ") RETURNING id")
        guard let id = try await connection.firstRow(insert, logger: logger)?.int64("id") else { throw StoreError.backend("no id for the decision") }
        return id
    }

    static func record(_ row: ResultRow) throws -> RegistrationDecision.Record {
        let decision = RegistrationDecision(
            action: try row.parse("action", RegistrationDecision.Action.init(rawValue:)), code: try row.parse("code") { try? CreditCode(validating: $0) },
            documentNumber: try row.text("document_number"), decidedOn: try row.parse("decided_on", CalendarDate.init(iso:)), reason: try row.text("reason"))
        return RegistrationDecision.Record(
            id: try row.int64("id"), decision: decision, statusBefore: try row.parse("status_before", EntityStatus.init(parsing:)),
            suspendedUntilBefore: try row.parseOptional("suspended_until_before", CalendarDate.init(iso:)),
            statusAfter: try row.parse("status_after", EntityStatus.init(parsing:)), recordedBy: try row.text("recorded_by"),
            recordedAt: try row.parse("recorded_at", Instant.init(iso:)))
    }
}
