import GRDB
import RegistryCore
import RegistryStore

extension SQLiteSchema {
    /// Auditors (issue 6): the audit log becomes a hash chain (existing entries are chained in sequence order)
    /// and append-only for SQL clients; snapshots are recorded with their manifest hashes (the snapshot
    /// chain); tokens may carry privileges (`personal-ids`); open data pages by industry section and code.
    static func createAuditing(_ db: Database) throws {
        // Rebuilt rather than renamed: ALTER TABLE … RENAME opens the connection's temp schema, after which a
        // PRAGMA temp_store inside a transaction fails (the seed set one then; the writer now sets it at open).
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY sequence")
        try db.execute(sql: """
            DROP TABLE audit_log;
            CREATE TABLE audit_log (
                sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                role TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                request_id TEXT,
                previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
                hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
            );
            """)
        var previous = AuditChain.genesis
        var sequence: Int64 = 0
        for row in rows {
            sequence += 1
            let at: String = row["at"]
            guard let instant = Instant(iso: at) else { throw StoreError.backend("corrupt audit time: \(at)") }
            let entry = AuditEntry(sequence: sequence, at: instant, actor: row["actor"], role: row["role"], action: row["action"],
                                   target: row["target"], requestID: row["request_id"], previousHash: previous)
            try JournalWriter.insert(db, entry)
            previous = entry.hash
        }
        try db.execute(sql: """
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

            CREATE TABLE snapshots (
                number INTEGER PRIMARY KEY CHECK (number >= 1),
                sequence INTEGER NOT NULL CHECK (sequence >= 0),
                taken_at TEXT NOT NULL,
                manifest_sha256 TEXT NOT NULL UNIQUE CHECK (length(manifest_sha256) = 64),
                previous_sha256 TEXT UNIQUE CHECK (previous_sha256 IS NULL OR length(previous_sha256) = 64),
                CHECK ((number = 1) = (previous_sha256 IS NULL))
            );

            ALTER TABLE access_tokens ADD COLUMN privileges TEXT NOT NULL DEFAULT '' CHECK (privileges IN ('', 'personal-ids'));

            CREATE INDEX entities_by_section_code ON entities(industry_section, code);
            """)
    }

    /// Migration 0006: `audit_log.hash` loses its UNIQUE index. No query looks a hash up (the chain is read in
    /// sequence order), a duplicate hash would already break the chain that `audit verify` checks, and each new
    /// entry's random hash touched a page of its own in that index: about 9% of the pages a registration wrote.
    /// SQLite cannot drop a UNIQUE column constraint, so the table is rebuilt (through a copy: a RENAME would
    /// open the connection's temp schema, see `createAuditing`), rows and triggers as before. The definition
    /// repeats 0005's, less `UNIQUE`, on purpose: a migration is a fixed record, not code to share.
    static func dropAuditHashIndex(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE audit_log_copy AS SELECT sequence, at, actor, role, action, target, request_id, previous_hash, hash FROM audit_log;
            DROP TABLE audit_log;
            CREATE TABLE audit_log (
                sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                role TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                request_id TEXT,
                previous_hash TEXT NOT NULL CHECK (length(previous_hash) = 64),
                hash TEXT NOT NULL CHECK (length(hash) = 64)
            );
            INSERT INTO audit_log SELECT * FROM audit_log_copy ORDER BY sequence;
            DROP TABLE audit_log_copy;
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """)
    }
}
