import Foundation
import GRDB
import RegistryCore
@testable import RegistrySQLite
import RegistryStore
import Testing

/// Migration 0009 rebuilds `entities` and `applications` with wider CHECKs (歇业, 清算; the status filings' kinds) and
/// `entities.suspended_until`: every row, index and reference kept, the new constraints in force.
struct StatusMigrationTests {
    @Test func theRebuiltTablesKeepTheirRowsAndIndexes() async throws {
        // A registry with entities, a completed application and its reviews, taken back to its form before 0009.
        let store = try await TemporaryStore.make("before-0009")
        try await store.importDossiers((0..<30).map { ContractFixtures.dossier(index: $0) })
        guard case .fresh(let accepted) = try await store.submitApplication(ContractFixtures.application(), actor: ContractFixtures.actor, idempotency: nil)
        else { Issue.record("accepted"); return }
        for department in Department.allCases {
            _ = try await store.reviewApplication(number: accepted.number, review: ContractFixtures.review(department), actor: ContractFixtures.actor,
                                                  plan: ContractFixtures.plan, idempotency: nil)
        }
        let code = try #require(try await store.application(number: accepted.number)?.code)
        let dossier = try await store.dossier(code)
        let application = try await store.application(number: accepted.number)
        try await Self.undo0009(store)
        let entityColumns = "id, code, name, status, status_changed_on, search_key, zihao_key, authority"
        let before = try store.pool.read { db -> (entities: [Row], applications: [Row], indexes: [String]) in
            (try Row.fetchAll(db, sql: "SELECT \(entityColumns) FROM entities ORDER BY id"),
             try Row.fetchAll(db, sql: "SELECT \(Self.applicationColumns.joined(separator: ", ")) FROM applications ORDER BY number"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('entities', 'applications') ORDER BY name"))
        }
        #expect(before.entities.count == 31 && before.applications.count == 1 && !before.indexes.contains("entities_by_suspension_end"))
        await #expect(throws: (any Error).self, "the old CHECK refuses 歇业") {
            try await store.pool.write { db in try db.execute(sql: "UPDATE entities SET status = '歇业' WHERE id = 1") }
        }

        try await store.migrate()
        let after = try store.pool.read { db in
            (try Row.fetchAll(db, sql: "SELECT \(entityColumns) FROM entities ORDER BY id"), try Row.fetchAll(db, sql: "SELECT \(Self.applicationColumns.joined(separator: ", ")) FROM applications ORDER BY number"),
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('entities', 'applications') ORDER BY name"),
             try Row.fetchAll(db, sql: "PRAGMA foreign_key_check"))
        }
        #expect(after.0 == before.entities, "every entity row as it was")
        #expect(after.1 == before.applications, "every application row as it was")
        #expect(after.2 == (before.indexes + ["entities_by_suspension_end"]).sorted(), "the same indexes, and the sweep's")
        #expect(after.3.isEmpty, "every reference still resolves")
        #expect(try await store.dossier(code) == dossier, "the completed registration reads back whole")
        #expect(try await store.application(number: accepted.number) == application)
        #expect(try await store.search(try SearchQuery(text: "云图湾")).hits.map(\.code) == [code], "the search index still finds it")

        // The new constraints hold: 歇业 exactly with a last day, no unknown status.
        await #expect(throws: (any Error).self) {
            try await store.pool.write { db in try db.execute(sql: "UPDATE entities SET status = '歇业' WHERE id = 1") }
        }
        await #expect(throws: (any Error).self) {
            try await store.pool.write { db in try db.execute(sql: "UPDATE entities SET status = '停业' WHERE id = 1") }
        }
        // And a suspension completes on the migrated registry.
        let entity = try #require(try await store.dossier(code)?.entity)
        let filing = StatusFiling(action: .suspension, code: code, currentName: entity.name, type: entity.type, authority: entity.authority,
                                  reason: "经营困难", suspendedUntil: ContractFixtures.day.adding(days: 90))
        let new = NewApplication(request: .statusFiling(filing), acceptedBy: "contract", receivedAt: ContractFixtures.instant, deadline: ContractFixtures.day)
        guard case .fresh(let suspension) = try await store.submitApplication(new, actor: ContractFixtures.actor, idempotency: nil) else {
            Issue.record("accepted")
            return
        }
        for department in Department.allCases {
            _ = try await store.reviewApplication(number: suspension.number, review: ContractFixtures.review(department), actor: ContractFixtures.actor,
                                                  plan: ContractFixtures.plan, idempotency: nil)
        }
        let suspended = try await store.dossier(code)?.entity
        #expect(suspended?.status == .suspended && suspended?.suspendedUntil == ContractFixtures.day.adding(days: 90))
    }

    static let applicationColumns = ["number", "kind", "state", "version", "name", "type", "authority", "reservation_id", "accepted_by",
                                     "received_at", "submitted_at", "deadline", "completed_at", "code"]

    /// Takes a migrated registry back to its tables before 0009 (0001's `entities`, 0004's `applications`; 0010–0013,
    /// which come after, are undone too).
    static func undo0009(_ store: SQLiteRegistryStore) async throws {
        try await store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.inTransaction {
                try db.execute(sql: "DROP TABLE deregistration_notices")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = '0013-create-deregistration-notices'")
                try db.execute(sql: "DROP TABLE abnormal_listings")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = '0012-create-abnormal-listings'")
                try db.execute(sql: "DROP TABLE registration_decisions")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = '0011-create-registration-decisions'")
                try db.execute(sql: "DROP INDEX entities_by_suspension_end")
                let entities = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'entities'") ?? ""
                try SQLiteSchema.rebuild(db, table: "entities", definition: entities
                    .replacingOccurrences(of: "'存续','歇业','清算','注销'", with: "'存续','注销'")
                    .replacingOccurrences(of: ",\n    suspended_until TEXT,\n    CHECK ((status = '歇业') = (suspended_until IS NOT NULL))", with: ""),
                    columns: RegistryTransfer.tables[0].columns.filter { $0 != "suspended_until" })
                // 0004's table, without 0010's deadline_extension either: 0010 is undone with 0009 (it comes after).
                try SQLiteSchema.rebuild(db, table: "applications", definition: """
                    CREATE TABLE applications (
                        number TEXT PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('establishment','change','deregistration')),
                        state TEXT NOT NULL CHECK (state IN ('under-review','returned','completed')),
                        version INTEGER NOT NULL CHECK (version >= 1),
                        name TEXT NOT NULL,
                        type TEXT NOT NULL CHECK (type IN (\(SQLiteSchema.entityTypes))),
                        authority TEXT NOT NULL CHECK (length(authority) = 6),
                        reservation_id TEXT REFERENCES name_reservations(id),
                        accepted_by TEXT NOT NULL,
                        received_at TEXT NOT NULL,
                        submitted_at TEXT NOT NULL,
                        deadline TEXT NOT NULL,
                        completed_at TEXT,
                        code TEXT,
                        CHECK ((state = 'completed') = (code IS NOT NULL AND completed_at IS NOT NULL))
                    ) WITHOUT ROWID
                    """, columns: Self.applicationColumns)
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = '0010-add-deadline-extensions'")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = '0009-widen-entity-statuses'")
                return .commit
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let definition = try await store.pool.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'entities'") ?? "" }
        #expect(!definition.contains("suspended_until") && !definition.contains("歇业"), "back to 0001's table: \(definition)")
    }
}
