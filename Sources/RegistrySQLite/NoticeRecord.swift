import GRDB
import RegistryCore
import RegistryStore

/// Rows of `deregistration_notices` (migration 0013): the entities' 简易注销 notices, each with its objection once one is
/// lodged.
enum NoticeRecord {
    static let createSQL = """
        CREATE TABLE deregistration_notices (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            notice_from TEXT NOT NULL CHECK (length(notice_from) = 10),
            filed_by TEXT NOT NULL,
            objection_party TEXT,
            objection_reason TEXT,
            objected_on TEXT,
            objection_recorded_by TEXT,
            CHECK ((objected_on IS NULL) = (objection_party IS NULL)
                   AND (objected_on IS NULL) = (objection_reason IS NULL) AND (objected_on IS NULL) = (objection_recorded_by IS NULL))
        );
        CREATE INDEX deregistration_notices_by_entity ON deregistration_notices(entity_id, id);
        """

    /// The entity's notices, oldest first.
    static func fetch(_ db: Database, entityID: Int64) throws -> [DeregistrationNotice] {
        try Row.fetchAll(try db.cachedStatement(sql: """
            SELECT n.id, e.code, n.notice_from, n.filed_by, n.objection_party, n.objection_reason, n.objected_on, n.objection_recorded_by
            FROM deregistration_notices n JOIN entities e ON e.id = n.entity_id WHERE n.entity_id = ? ORDER BY n.id
            """), arguments: [entityID]).map(notice)
    }

    /// Stores a notice starting on `from`; it, with its id.
    static func insert(_ db: Database, entityID: Int64, code: CreditCode, from: CalendarDate, filedBy: String) throws -> DeregistrationNotice {
        try db.cachedStatement(sql: "INSERT INTO deregistration_notices (entity_id, notice_from, filed_by) VALUES (?, ?, ?)")
            .execute(arguments: [entityID, from.description, filedBy])
        return DeregistrationNotice(id: db.lastInsertedRowID, code: code, from: from, filedBy: filedBy, objection: nil)
    }

    /// Records the objection to notice `id`.
    static func object(_ db: Database, id: Int64, _ objection: DeregistrationNotice.Objection) throws {
        try db.cachedStatement(sql: """
            UPDATE deregistration_notices SET objection_party = ?, objection_reason = ?, objected_on = ?, objection_recorded_by = ?
            WHERE id = ? AND objected_on IS NULL
            """).execute(arguments: [objection.party, objection.reason, objection.objectedOn.description, objection.recordedBy, id])
        guard db.changesCount == 1 else { throw StoreError.conflict("notice \(id) already drew an objection") }
    }

    static func notice(_ row: Row) throws -> DeregistrationNotice {
        let objectedOn: String? = row[6]
        let objection = try objectedOn.map { day in
            DeregistrationNotice.Objection(party: row[4], reason: row[5], objectedOn: try DossierReader.date(day), recordedBy: row[7])
        }
        return DeregistrationNotice(id: row[0], code: try DossierReader.code(row[1]), from: try DossierReader.date(row[2]), filedBy: row[3],
                                    objection: objection)
    }

    /// The standing the completion of a deregistration checks: listings in force and the latest notice.
    static func standing(_ db: Database, entityID: Int64) throws -> EntityStanding {
        EntityStanding(abnormalListings: try AbnormalListingRecord.fetch(db, entityID: entityID), deregistrationNotice: try fetch(db, entityID: entityID).last)
    }
}
