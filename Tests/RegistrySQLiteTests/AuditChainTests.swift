import Foundation
import GRDB
import RegistryCore
import RegistryService
@testable import RegistrySQLite
import RegistryStore
import RegistryTestSupport
import Testing

/// The audit log is a hash chain (SPEC §5): rows edited, inserted or deleted behind the service's back, directly
/// in the SQLite file, are found and named by the first broken link.
struct AuditChainTests {
    /// A registry with five audited actions, and its file.
    static func auditedStore() async throws -> (SQLiteRegistryStore, String) {
        let store = try await TemporaryStore.make("audit")
        let desk = AccessDesk(store: store, now: { ContractFixtures.instant })
        for role in [Role.clerk, .auditor, .supervisor, .reviewerTax, .admin] {
            _ = try await desk.create(role: role, label: "窗口 \(role.rawValue)", actor: Actor(label: "cli", role: "admin", requestID: "r-\(role.rawValue)"))
        }
        return (store, store.path)
    }

    /// Opens the file as an intruder would, without the append-only triggers.
    static func tamper(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete")
            try db.execute(sql: sql)
        }
    }

    @Test func anIntactLogVerifies() async throws {
        let (store, _) = try await Self.auditedStore()
        let report = try await AuditDesk(store: store).verifyChain()
        #expect(report.firstBreak == nil && report.checked == 5 && report.head?.sequence == 5)
        let entries = try await store.auditEntries(after: 0, limit: 10)
        #expect(entries.first?.previousHash == AuditChain.genesis)
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $1.previousHash == $0.hash })
        #expect(entries.allSatisfy { AuditChain.hash(of: $0) == $0.hash && $0.requestID?.hasPrefix("r-") == true })
    }

    @Test func theServiceCannotRewriteTheLogThroughSQL() async throws {
        let (store, path) = try await Self.auditedStore()
        _ = store
        let queue = try DatabaseQueue(path: path)
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'x' WHERE sequence = 1") } }
        #expect(throws: (any Error).self) { try queue.write { try $0.execute(sql: "DELETE FROM audit_log WHERE sequence = 1") } }
    }

    @Test func anEditedRowIsFound() async throws {
        let (store, path) = try await Self.auditedStore()
        try Self.tamper(path, "UPDATE audit_log SET actor = 'mallory' WHERE sequence = 3")
        #expect(try await AuditDesk(store: store).verifyChain().firstBreak == .edited(sequence: 3))
    }

    @Test func anEditedRowWithItsHashRecomputedBreaksTheNextLink() async throws {
        let (store, path) = try await Self.auditedStore()
        var entry = try #require(try await store.auditEntries(after: 2, limit: 1).first)
        entry.target = "token:99"
        let forged = AuditEntry(sequence: entry.sequence, at: entry.at, actor: entry.actor, role: entry.role, action: entry.action,
                                target: entry.target, requestID: entry.requestID, previousHash: entry.previousHash)
        try Self.tamper(path, "UPDATE audit_log SET target = 'token:99', hash = '\(forged.hash)' WHERE sequence = 3")
        #expect(try await AuditDesk(store: store).verifyChain().firstBreak == .unlinked(sequence: 4))
    }

    @Test func aDeletedRowIsFound() async throws {
        let (store, path) = try await Self.auditedStore()
        try Self.tamper(path, "DELETE FROM audit_log WHERE sequence = 2")
        #expect(try await AuditDesk(store: store).verifyChain().firstBreak == .missing(from: 2, to: 2))
    }

    @Test func anAppendedRowWithAMadeUpHashIsFound() async throws {
        let (store, path) = try await Self.auditedStore()
        let head = try #require(try await store.auditEntries(after: 4, limit: 1).first)
        try Self.tamper(path, """
            INSERT INTO audit_log (sequence, at, actor, role, action, target, request_id, previous_hash, hash)
            VALUES (6, '2026-11-27T10:00:00.000Z', 'mallory', 'admin', 'token.create.admin', 'token:6', NULL, '\(head.hash)', '\(String(repeating: "ab", count: 32))')
            """)
        #expect(try await AuditDesk(store: store).verifyChain().firstBreak == .edited(sequence: 6))
    }

    @Test func aRowInsertedInTheMiddleIsFound() async throws {
        let (store, path) = try await Self.auditedStore()
        // Make room after entry 2 and insert a well-formed entry linked to it, hashed correctly.
        let second = try #require(try await store.auditEntries(after: 1, limit: 1).first)
        let inserted = AuditEntry(sequence: 3, at: second.at, actor: "mallory", role: "admin", action: "token.revoke", target: "token:1",
                                  requestID: nil, previousHash: second.hash)
        try Self.tamper(path, """
            UPDATE audit_log SET sequence = sequence + 100 WHERE sequence >= 3;
            UPDATE audit_log SET sequence = sequence - 99 WHERE sequence >= 100;
            INSERT INTO audit_log (sequence, at, actor, role, action, target, request_id, previous_hash, hash)
            VALUES (3, '\(inserted.at)', 'mallory', 'admin', 'token.revoke', 'token:1', NULL, '\(inserted.previousHash)', '\(inserted.hash)')
            """)
        let failure = try await AuditDesk(store: store).verifyChain().firstBreak
        #expect(failure == .unlinked(sequence: 4), "the entry after the inserted one no longer links: \(String(describing: failure))")
    }

    @Test func rowsDeletedFromTheEndShowAgainstATrustedHead() async throws {
        let (store, path) = try await Self.auditedStore()
        let trusted = try #require(try await AuditDesk(store: store).verifyChain().head)
        try Self.tamper(path, "DELETE FROM audit_log WHERE sequence >= 4")
        #expect(try await AuditDesk(store: store).verifyChain().firstBreak == nil, "a chain alone cannot show a cut end")
        let failure = try await AuditDesk(store: store).verifyChain(trustedHead: trusted).firstBreak
        #expect(failure == .headMismatch(expected: trusted, found: AuditChainHead(sequence: 3, hash: try #require(try await store.auditEntries(after: 2, limit: 1).first).hash)))
    }
}

/// Migration 0005 chains the entries a registry logged before it, in sequence order.
struct AuditChainMigrationTests {
    /// A new registry file migrated only up to `migration`, opened on its own queue.
    static func registry(upTo migration: String) throws -> (DatabaseQueue, String) {
        let directory = Scratch.directory.appendingPathComponent("yizhao-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("old.db").path
        let queue = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(queue, upTo: migration)
        return (queue, path)
    }

    @Test func entriesLoggedBeforeTheChainAreChained() async throws {
        let (queue, path) = try Self.registry(upTo: "0004-create-applications")
        try await queue.write { db in
            for (index, action) in ["token.create.clerk", "application.accept.establishment", "token.revoke"].enumerated() {
                try db.execute(sql: "INSERT INTO audit_log (at, actor, role, action, target, request_id) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: ["2026-11-2\(index)T08:00:00.000Z", "窗口1", "clerk", action, "token:\(index)", index == 1 ? "req-1" : nil])
            }
        }
        try queue.close()
        let store = try SQLiteRegistryStore(path: path)
        try await store.migrate()
        let entries = try await store.auditEntries(after: 0, limit: 10)
        #expect(entries.map(\.action) == ["token.create.clerk", "application.accept.establishment", "token.revoke"])
        #expect(entries.map(\.requestID) == [nil, "req-1", nil])
        let report = try await AuditDesk(store: store).verifyChain()
        #expect(report.firstBreak == nil && report.checked == 3)
        // New entries continue the chain.
        _ = try await AccessDesk(store: store, now: { ContractFixtures.instant }).create(role: .auditor, label: "审计", actor: ContractFixtures.actor)
        #expect(try await AuditDesk(store: store).verifyChain().checked == 4)
    }
}

/// Migration 0006 rebuilds `audit_log` without the index on `hash`: every entry kept in order, the chain intact
/// and continued, and the table still append-only.
struct AuditHashIndexMigrationTests {
    @Test func theRebuiltLogKeepsItsEntriesAndStaysAppendOnly() async throws {
        let (queue, path) = try AuditChainMigrationTests.registry(upTo: "0005-create-auditing")
        try queue.close()
        let old = try SQLiteRegistryStore(path: path)
        let desk = AccessDesk(store: old, now: { ContractFixtures.instant })
        for role in [Role.clerk, .auditor, .admin] {
            _ = try await desk.create(role: role, label: "窗口 \(role.rawValue)", actor: ContractFixtures.actor)
        }
        let before = try await old.auditEntries(after: 0, limit: 10)
        #expect(before.count == 3)
        let store = try SQLiteRegistryStore(path: path)
        try await store.migrate()
        #expect(try await store.auditEntries(after: 0, limit: 10) == before, "every entry, byte for byte and in order")
        let indexes = try await store.pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list('audit_log')") }
        #expect(indexes.isEmpty, "no index besides the sequence (the rowid): \(indexes)")
        _ = try await AccessDesk(store: store, now: { ContractFixtures.instant }).create(role: .auditor, label: "审计", actor: ContractFixtures.actor)
        let report = try await AuditDesk(store: store).verifyChain()
        #expect(report.firstBreak == nil && report.checked == 4)
        await #expect(throws: (any Error).self) {
            try await store.pool.write { db in try db.execute(sql: "UPDATE audit_log SET actor = 'x' WHERE sequence = 1") }
        }
        await #expect(throws: (any Error).self) {
            try await store.pool.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE sequence = 1") }
        }
    }
}
