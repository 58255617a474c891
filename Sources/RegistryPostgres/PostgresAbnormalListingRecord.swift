import Logging
import PostgresNIO
import RegistryCore
import RegistryStore

/// Rows of `abnormal_listings` (migration 0012), as on SQLite.
enum PostgresAbnormalListingRecord {
    /// The entity's listings, oldest first.
    static func fetch(_ connection: PostgresConnection, entityID: Int64, logger: Logger) async throws -> [AbnormalListing] {
        var select = SQLStatement("""
            SELECT l.id, e.code, l.reason, l.document_number, l.listed_on, l.listed_by, l.removal_document_number, l.removed_on,
                l.removal_reason, l.removed_by FROM abnormal_listings l JOIN entities e ON e.id = l.entity_id WHERE l.entity_id = 
            """)
        select.append(select.bind(entityID) + " ORDER BY l.id")
        return try await connection.rows(select, logger: logger).map(listing)
    }

    /// Stores a listing; it, with its id.
    static func insert(_ connection: PostgresConnection, entityID: Int64, _ request: AbnormalListing.Request, listedBy: String,
                       logger: Logger) async throws -> AbnormalListing {
        var insert = SQLStatement("INSERT INTO abnormal_listings (entity_id, reason, document_number, listed_on, listed_by) VALUES (")
        let values = [insert.bind(entityID), insert.bind(request.reason.rawValue), insert.bind(request.documentNumber),
                      insert.bind(request.listedOn.description), insert.bind(listedBy)]
        insert.append(values.joined(separator: ", ") + ") RETURNING id")
        guard let id = try await connection.firstRow(insert, logger: logger)?.int64("id") else { throw StoreError.backend("no id for the listing") }
        return AbnormalListing(id: id, code: request.code, reason: request.reason, documentNumber: request.documentNumber,
                               listedOn: request.listedOn, listedBy: listedBy, removal: nil)
    }

    /// Records the removal of listing `id` (still in force: the caller holds the entity's row lock).
    static func remove(_ connection: PostgresConnection, id: Int64, _ removal: AbnormalListing.Removal, logger: Logger) async throws {
        var update = SQLStatement("UPDATE abnormal_listings SET removal_document_number = ")
        update.append(update.bind(removal.documentNumber) + ", removed_on = " + update.bind(removal.removedOn.description) + ", removal_reason = "
                      + update.bind(removal.reason) + ", removed_by = " + update.bind(removal.recordedBy) + " WHERE id = " + update.bind(id)
                      + " AND removed_on IS NULL RETURNING id")
        guard try await connection.firstRow(update, logger: logger) != nil else { throw StoreError.invalidState("listing \(id) has already ended") }
    }

    static func listing(_ row: ResultRow) throws -> AbnormalListing {
        let removal = try row.parseOptional("removed_on", CalendarDate.init(iso:)).map { day in
            AbnormalListing.Removal(documentNumber: try row.text("removal_document_number"), removedOn: day, reason: try row.text("removal_reason"),
                                    recordedBy: try row.text("removed_by"))
        }
        return AbnormalListing(id: try row.int64("id"), code: try row.parse("code") { try? CreditCode(validating: $0) },
                               reason: try row.parse("reason", AbnormalListing.Reason.init(rawValue:)), documentNumber: try row.text("document_number"),
                               listedOn: try row.parse("listed_on", CalendarDate.init(iso:)), listedBy: try row.text("listed_by"), removal: removal)
    }
}
