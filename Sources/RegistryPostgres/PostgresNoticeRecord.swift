import Logging
import PostgresNIO
import RegistryCore
import RegistryStore

/// Rows of `deregistration_notices` (migration 0013), as on SQLite.
enum PostgresNoticeRecord {
    /// The entity's notices, oldest first.
    static func fetch(_ connection: PostgresConnection, entityID: Int64, logger: Logger) async throws -> [DeregistrationNotice] {
        var select = SQLStatement("""
            SELECT n.id, e.code, n.notice_from, n.filed_by, n.objection_party, n.objection_reason, n.objected_on, n.objection_recorded_by
            FROM deregistration_notices n JOIN entities e ON e.id = n.entity_id WHERE n.entity_id = 
            """)
        select.append(select.bind(entityID) + " ORDER BY n.id")
        return try await connection.rows(select, logger: logger).map(notice)
    }

    /// Stores a notice starting on `from`; it, with its id.
    static func insert(_ connection: PostgresConnection, entityID: Int64, code: CreditCode, from: CalendarDate, filedBy: String,
                       logger: Logger) async throws -> DeregistrationNotice {
        var insert = SQLStatement("INSERT INTO deregistration_notices (entity_id, notice_from, filed_by) VALUES (")
        insert.append([insert.bind(entityID), insert.bind(from.description), insert.bind(filedBy)].joined(separator: ", ") + ") RETURNING id")
        guard let id = try await connection.firstRow(insert, logger: logger)?.int64("id") else { throw StoreError.backend("no id for the notice") }
        return DeregistrationNotice(id: id, code: code, from: from, filedBy: filedBy, objection: nil)
    }

    /// Records the objection to notice `id` (the caller holds the entity's row lock).
    static func object(_ connection: PostgresConnection, id: Int64, _ objection: DeregistrationNotice.Objection, logger: Logger) async throws {
        var update = SQLStatement("UPDATE deregistration_notices SET objection_party = ")
        update.append(update.bind(objection.party) + ", objection_reason = " + update.bind(objection.reason) + ", objected_on = "
                      + update.bind(objection.objectedOn.description) + ", objection_recorded_by = " + update.bind(objection.recordedBy)
                      + " WHERE id = " + update.bind(id) + " AND objected_on IS NULL RETURNING id")
        guard try await connection.firstRow(update, logger: logger) != nil else { throw StoreError.conflict("notice \(id) already drew an objection") }
    }

    static func notice(_ row: ResultRow) throws -> DeregistrationNotice {
        let objection = try row.parseOptional("objected_on", CalendarDate.init(iso:)).map { day in
            DeregistrationNotice.Objection(party: try row.text("objection_party"), reason: try row.text("objection_reason"), objectedOn: day,
                                           recordedBy: try row.text("objection_recorded_by"))
        }
        return DeregistrationNotice(id: try row.int64("id"), code: try row.parse("code") { try? CreditCode(validating: $0) },
                                    from: try row.parse("notice_from", CalendarDate.init(iso:)), filedBy: try row.text("filed_by"), objection: objection)
    }

    /// The standing the completion of a deregistration checks: listings in force and the latest notice.
    static func standing(_ connection: PostgresConnection, entityID: Int64, logger: Logger) async throws -> EntityStanding {
        EntityStanding(abnormalListings: try await PostgresAbnormalListingRecord.fetch(connection, entityID: entityID, logger: logger),
                       deregistrationNotice: try await fetch(connection, entityID: entityID, logger: logger).last)
    }
}
