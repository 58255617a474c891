import GRDB

extension SQLiteSchema {
    /// Migration 0009: the statuses 歇业 and 清算 and the status filings that set them (`domain/process.md` §7).
    /// `entities.status` admits 歇业 and 清算 and gains `suspended_until` (set exactly while 歇业, with a small index
    /// for the expiry sweep); `applications.kind` admits `suspension`, `resumption` and `liquidation`. SQLite cannot
    /// alter a CHECK constraint, so both tables are rebuilt through a copy (no RENAME: it would open the connection's
    /// temp schema, see `createAuditing`), with their rows, indexes and triggers as before. The definitions repeat
    /// 0001's and 0004's, widened, on purpose: a migration is a fixed record, not code to share.
    static func widenEntityStatuses(_ db: Database) throws {
        try rebuild(db, table: "entities", definition: """
            CREATE TABLE entities (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL CHECK (length(code) = 18),
                subject_id TEXT NOT NULL CHECK (length(subject_id) = 9),
                name TEXT NOT NULL CHECK (name <> ''),
                zihao TEXT NOT NULL,
                name_region TEXT NOT NULL,
                name_industry TEXT NOT NULL,
                name_form TEXT NOT NULL,
                zihao_key TEXT NOT NULL,
                zihao_pinyin TEXT NOT NULL,
                zihao_initials TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type IN (\(entityTypes))),
                status TEXT NOT NULL CHECK (status IN ('存续','歇业','清算','注销','吊销','迁出','撤销')),
                authority TEXT NOT NULL CHECK (length(authority) = 6),
                domicile TEXT NOT NULL,
                legal_representative TEXT NOT NULL,
                legal_representative_id TEXT NOT NULL,
                registered_capital_yuan INTEGER CHECK (registered_capital_yuan >= 0),
                business_scope TEXT NOT NULL,
                industry_code TEXT NOT NULL,
                industry_section TEXT NOT NULL CHECK (length(industry_section) = 1),
                established_on TEXT NOT NULL,
                operating_term_end TEXT,
                status_changed_on TEXT,
                name_shown_as_code INTEGER NOT NULL DEFAULT 0 CHECK (name_shown_as_code IN (0, 1)),
                search_key INTEGER NOT NULL,
                suspended_until TEXT,
                CHECK ((status = '歇业') = (suspended_until IS NOT NULL))
            )
            """, columns: ["id", "code", "subject_id", "name", "zihao", "name_region", "name_industry", "name_form", "zihao_key", "zihao_pinyin",
                           "zihao_initials", "type", "status", "authority", "domicile", "legal_representative", "legal_representative_id",
                           "registered_capital_yuan", "business_scope", "industry_code", "industry_section", "established_on",
                           "operating_term_end", "status_changed_on", "name_shown_as_code", "search_key"])
        try db.execute(sql: "CREATE INDEX entities_by_suspension_end ON entities(suspended_until) WHERE suspended_until IS NOT NULL")
        try rebuild(db, table: "applications", definition: """
            CREATE TABLE applications (
                number TEXT PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('establishment','change','deregistration','suspension','resumption','liquidation')),
                state TEXT NOT NULL CHECK (state IN ('under-review','returned','completed')),
                version INTEGER NOT NULL CHECK (version >= 1),
                name TEXT NOT NULL,
                type TEXT NOT NULL CHECK (type IN (\(entityTypes))),
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
            """, columns: ["number", "kind", "state", "version", "name", "type", "authority", "reservation_id", "accepted_by", "received_at",
                           "submitted_at", "deadline", "completed_at", "code"])
    }

    /// Replaces `table` by `definition` (the same columns and more), keeping its rows (`columns`, in key order), its
    /// indexes and its triggers.
    static func rebuild(_ db: Database, table: String, definition: String, columns: [String]) throws {
        let dependents = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name
            """, arguments: [table])
        let list = columns.joined(separator: ", ")
        let copy = table + "_copy_0009"
        try db.execute(sql: "CREATE TABLE \(copy) AS SELECT \(list) FROM \(table)")
        try db.execute(sql: "DROP TABLE \(table)")
        try db.execute(sql: definition)
        try db.execute(sql: "INSERT INTO \(table) (\(list)) SELECT \(list) FROM \(copy) ORDER BY \(columns[0])")
        try db.execute(sql: "DROP TABLE \(copy)")
        for sql in dependents { try db.execute(sql: sql) }
    }
}
