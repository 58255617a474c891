import GRDB
import RegistryCore
import RegistryStore

/// Rows of `abnormal_listings` (migration 0012): the entities' 经营异常名录 listings, each with its removal once it ends.
enum AbnormalListingRecord {
    static let createSQL = """
        CREATE TABLE abnormal_listings (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            reason TEXT NOT NULL CHECK (reason IN ('annual-report-missing','unreachable-at-domicile','name-not-corrected')),
            document_number TEXT NOT NULL CHECK (length(document_number) BETWEEN 4 AND 60),
            listed_on TEXT NOT NULL CHECK (length(listed_on) = 10),
            listed_by TEXT NOT NULL,
            removal_document_number TEXT,
            removed_on TEXT,
            removal_reason TEXT,
            removed_by TEXT,
            CHECK ((removed_on IS NULL) = (removal_document_number IS NULL)
                   AND (removed_on IS NULL) = (removal_reason IS NULL) AND (removed_on IS NULL) = (removed_by IS NULL)),
            UNIQUE (entity_id, document_number)
        );
        CREATE UNIQUE INDEX abnormal_listings_one_in_force ON abnormal_listings(entity_id, reason) WHERE removed_on IS NULL;
        """

    static let selected = """
        SELECT l.id, e.code, l.reason, l.document_number, l.listed_on, l.listed_by, l.removal_document_number, l.removed_on,
            l.removal_reason, l.removed_by FROM abnormal_listings l JOIN entities e ON e.id = l.entity_id
        """

    /// The entity's listings, oldest first.
    static func fetch(_ db: Database, entityID: Int64) throws -> [AbnormalListing] {
        try Row.fetchAll(try db.cachedStatement(sql: selected + " WHERE l.entity_id = ? ORDER BY l.id"), arguments: [entityID]).map(listing)
    }

    /// Stores a listing; it, with its id.
    static func insert(_ db: Database, entityID: Int64, _ request: AbnormalListing.Request, listedBy: String) throws -> AbnormalListing {
        try db.cachedStatement(sql: """
            INSERT INTO abnormal_listings (entity_id, reason, document_number, listed_on, listed_by) VALUES (?, ?, ?, ?, ?)
            """).execute(arguments: [entityID, request.reason.rawValue, request.documentNumber, request.listedOn.description, listedBy])
        return AbnormalListing(id: db.lastInsertedRowID, code: request.code, reason: request.reason, documentNumber: request.documentNumber,
                               listedOn: request.listedOn, listedBy: listedBy, removal: nil)
    }

    /// Records the removal of listing `id`.
    static func remove(_ db: Database, id: Int64, _ removal: AbnormalListing.Removal) throws {
        try db.cachedStatement(sql: """
            UPDATE abnormal_listings SET removal_document_number = ?, removed_on = ?, removal_reason = ?, removed_by = ? WHERE id = ? AND removed_on IS NULL
            """).execute(arguments: [removal.documentNumber, removal.removedOn.description, removal.reason, removal.recordedBy, id])
        guard db.changesCount == 1 else { throw StoreError.invalidState("listing \(id) has already ended") }
    }

    static func listing(_ row: Row) throws -> AbnormalListing {
        let removedOn: String? = row[7]
        let removal = try removedOn.map { day in
            AbnormalListing.Removal(documentNumber: row[6], removedOn: try DossierReader.date(day), reason: row[8], recordedBy: row[9])
        }
        return AbnormalListing(id: row[0], code: try DossierReader.code(row[1]),
                               reason: try DossierReader.parse(row[2], AbnormalListing.Reason.init(rawValue:), "reason"),
                               documentNumber: row[3], listedOn: try DossierReader.date(row[4]), listedBy: row[5], removal: removal)
    }
}
