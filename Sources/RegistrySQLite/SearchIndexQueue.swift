import GRDB
import RegistryCore
import RegistryStore

/// The search index's work queue (migration 0014). Every write that changes what search shows adds rows here in
/// its own transaction: a document to index under a key, or a key whose document leaves the index. Applying the
/// queue (`apply`) indexes them in queue order and deletes them, in one transaction. A store that indexes in the
/// registration's transaction applies the queue before each commit; a server with `--search-index-interval` applies
/// it in batches a few milliseconds later, so registrations do not pay for the index on the single writer (the
/// term counts of a batch are one update per term, and its FTS5 rows one segment). Either way, the queue rows
/// commit with the registration that made them: a crash between the two loses nothing, and the next `apply` (at
/// the latest when the registry is next opened) indexes what was left.
enum SearchIndexQueue {
    static let table = "search_index_queue"

    static let createSQL = """
        CREATE TABLE search_index_queue (
            position INTEGER PRIMARY KEY,
            search_key INTEGER NOT NULL,
            document TEXT
        );
        """

    /// Queues `document` to be indexed under `key`.
    static func add(_ db: Database, key: Int64, document: String) throws {
        var row = try RowWriter(db, sql: "INSERT INTO search_index_queue (search_key, document) VALUES (?, ?)")
        row.bind(key)
        row.bind(document)
        try row.run()
    }

    /// Queues the removal of whatever is indexed under `key` at that point of the queue.
    static func remove(_ db: Database, key: Int64) throws {
        var row = try RowWriter(db, sql: "INSERT INTO search_index_queue (search_key, document) VALUES (?, NULL)")
        row.bind(key)
        try row.run()
    }

    /// Entries waiting to be indexed.
    static func backlog(_ db: Database) throws -> Int {
        try Int.fetchOne(try db.cachedStatement(sql: "SELECT count(*) FROM search_index_queue")) ?? 0
    }

    /// Indexes up to `limit` queued entries, oldest first, and removes them from the queue; returns how many.
    /// The FTS5 rows wait in `search_fts_pending` for `SearchIndexWriter.flushPending`, which every write path runs
    /// before its commit.
    @discardableResult
    static func apply(_ db: Database, limit: Int = Int.max) throws -> Int {
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: "SELECT position, search_key, document FROM search_index_queue ORDER BY position LIMIT ?"),
                                       arguments: [Int64(clamping: limit)])
        var last: Int64 = 0
        var queued: [(key: Int64, document: String?)] = []
        while let row = try rows.next() {
            last = row[0]
            queued.append((row[1], row[2]))
        }
        guard !queued.isEmpty else { return 0 }
        var deltas = SearchIndexDeltas()
        for (key, document) in queued {
            if let document {
                try SearchIndexWriter.index(db, key: key, document: document)
                deltas.add(document: document)
            } else if let document = try SearchIndexWriter.unindex(db, key: key) {
                deltas.remove(document: document)
            }
        }
        if !deltas.isEmpty {
            let (terms, phrases) = (deltas.termsJSON, deltas.phrasesJSON)
            // A term's row is made by the first document that has it; a removal only lowers an existing row (the
            // insert below would fail the table's CHECK with a negative count before meeting the conflict).
            try db.cachedStatement(sql: """
                INSERT INTO search_term_counts (term, documents) SELECT key, value FROM json_each(?) WHERE value >= 0
                ON CONFLICT (term) DO UPDATE SET documents = documents + excluded.documents
                """).execute(arguments: [terms])
            try db.cachedStatement(sql: """
                UPDATE search_term_counts SET documents = documents + delta.value
                FROM json_each(?) AS delta WHERE delta.value < 0 AND search_term_counts.term = delta.key
                """).execute(arguments: [terms])
            try db.cachedStatement(sql: """
                UPDATE search_phrase_counts SET documents = documents + delta.value
                FROM json_each(?) AS delta WHERE search_phrase_counts.term = delta.key
                """).execute(arguments: [phrases])
        }
        try db.cachedStatement(sql: "DELETE FROM search_index_queue WHERE position <= ?").execute(arguments: [last])
        return queued.count
    }
}
