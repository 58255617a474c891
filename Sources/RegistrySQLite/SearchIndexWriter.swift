import GRDB
import RegistryCore
import RegistryStore

/// Keeps the search index (documents, FTS5 trigrams, bigrams, term and phrase counts) in step with the entities:
/// writes queue their changes (`add`, `remove`), and `SearchIndexQueue.apply` indexes them (`index`, `unindex`),
/// in the writing transaction or in a later batch.
enum SearchIndexWriter {
    /// What the index holds for one entity.
    struct Document: Sendable {
        let key: Int64
        let document: String
        let bigrams: String
    }

    /// Queues `document` (`SearchText.document`) to be indexed under `key` (`SearchIndexQueue`).
    static func add(_ db: Database, key: Int64, document: String) throws {
        try SearchIndexQueue.add(db, key: key, document: document)
    }

    /// Queues the removal of the document indexed under `key`.
    static func remove(_ db: Database, key: Int64) throws {
        try SearchIndexQueue.remove(db, key: key)
    }

    /// Indexes `document` under `key` now (the queue's work): its row, and its FTS5 rows, which wait for
    /// `flushPending`. The caller counts its terms.
    static func index(_ db: Database, key: Int64, document: String) throws {
        var row = try RowWriter(db, sql: "INSERT INTO search_documents (search_key, document) VALUES (?, ?)")
        row.bind(key)
        row.bind(document)
        try row.run()
        try queue(db, deleting: false, key: key, document: document, bigrams: SearchText.bigramTokens(ofDocument: document))
    }

    /// Removes the document indexed under `key` now and returns it (nil when none is); FTS5 deletes need the indexed
    /// text back and wait for `flushPending` like insertions. The caller counts its terms.
    static func unindex(_ db: Database, key: Int64) throws -> String? {
        guard let document = try String.fetchOne(try db.cachedStatement(sql: "SELECT document FROM search_documents WHERE search_key = ?"), arguments: [key]) else {
            return nil
        }
        try queue(db, deleting: true, key: key, document: document, bigrams: SearchText.bigramTokens(ofDocument: document))
        try db.cachedStatement(sql: "DELETE FROM search_documents WHERE search_key = ?").execute(arguments: [key])
        return document
    }

    // MARK: FTS5 rows, one batch per transaction

    /// FTS5 writes its pending terms out as a new segment whenever a transaction indexes a rowid that is not above
    /// the last one it indexed. Newer entities get smaller keys (they rank first), so a group-commit transaction
    /// of n registrations wrote n small segments per FTS table, and later merged them. A transaction's FTS5 rows
    /// therefore wait in the writer connection's temporary table and go in together, in ascending key order,
    /// just before the commit (`flushPending`; every write path calls it). A rollback empties the table with the
    /// rest of the transaction. Documents, term counts and everything else are written at once as before.
    static let createPendingSQL = """
        CREATE TEMP TABLE IF NOT EXISTS search_fts_pending (
            position INTEGER PRIMARY KEY, deleting INTEGER NOT NULL, search_key INTEGER NOT NULL,
            document TEXT NOT NULL, bigrams TEXT NOT NULL)
        """

    private static func queue(_ db: Database, deleting: Bool, key: Int64, document: String, bigrams: String) throws {
        var row = try RowWriter(db, sql: "INSERT INTO temp.search_fts_pending (deleting, search_key, document, bigrams) VALUES (?, ?, ?, ?)")
        row.bind(Int64(deleting ? 1 : 0))
        row.bind(key)
        row.bind(document)
        row.bind(bigrams)
        try row.run()
    }

    /// Writes the transaction's queued FTS5 rows: in ascending key order when they are all insertions (one
    /// segment per table), in the order queued when a deletion is among them (a deletion must meet the row it
    /// deletes, and a rename deletes and re-inserts the same key).
    static func flushPending(_ db: Database) throws {
        guard let deleting = try Bool.fetchOne(try db.cachedStatement(sql: "SELECT max(deleting) FROM temp.search_fts_pending")) else { return }
        let order = deleting ? "position" : "search_key"
        try db.cachedStatement(sql: """
            INSERT INTO search_trigrams (search_trigrams, rowid, document)
            SELECT CASE WHEN deleting THEN 'delete' END, search_key, document FROM temp.search_fts_pending ORDER BY \(order)
            """).execute()
        try db.cachedStatement(sql: """
            INSERT INTO search_bigrams (search_bigrams, rowid, bigrams)
            SELECT CASE WHEN deleting THEN 'delete' END, search_key, bigrams FROM temp.search_fts_pending ORDER BY \(order)
            """).execute()
        try db.cachedStatement(sql: "DELETE FROM temp.search_fts_pending").execute()
    }

    /// Indexes many prepared documents at once into an **empty** index: documents and bigram tokens
    /// row by row, then one FTS rebuild of the trigram index from the documents.
    /// `termCounts` supplies the documents' term frequencies, sorted (computed off the writer thread).
    static func bulkAdd(_ db: Database, documents: [Document], termCounts: () -> [(term: String, documents: Int)],
                        phraseCounts: () -> [(term: String, documents: Int)]) throws {
        var insertDocument = try RowWriter(db, sql: "INSERT INTO search_documents (search_key, document) VALUES (?, ?)")
        var insertBigrams = try RowWriter(db, sql: "INSERT INTO search_bigrams (rowid, bigrams) VALUES (?, ?)")
        // In ascending key order: FTS5 flushes its pending terms whenever a rowid is not above the
        // last one, so out-of-order inserts (seeds run oldest first, and older means a larger key)
        // cost one segment per row — 5.7 s instead of well under one for the seed.
        for prepared in documents.sorted(by: { $0.key < $1.key }) {
            insertDocument.bind(prepared.key)
            insertDocument.bind(prepared.document)
            try insertDocument.run()
            insertBigrams.bind(prepared.key)
            insertBigrams.bind(prepared.bigrams)
            try insertBigrams.run()
        }
        try db.execute(sql: "INSERT INTO search_trigrams (search_trigrams) VALUES ('rebuild')")
        try optimize(db)
        try insertCounts(db, into: "search_term_counts", termCounts())
        try insertCounts(db, into: "search_phrase_counts", phraseCounts())
    }

    /// Merges each FTS5 index into one segment. A bulk load leaves several (FTS5 writes out its pending terms every
    /// megabyte or so, and merges only some of them), and every term a query looks up costs a seek in each segment:
    /// on the 303,700 seed the raw 5-character phrase query ran at 0.17–0.21 ms afterwards against 0.35–0.38 before.
    static func optimize(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO search_trigrams (search_trigrams) VALUES ('optimize')")
        try db.execute(sql: "INSERT INTO search_bigrams (search_bigrams) VALUES ('optimize')")
    }

    /// Stores document frequencies, sorted by term, into an empty count table (`search_term_counts` or
    /// `search_phrase_counts`).
    private static func insertCounts(_ db: Database, into table: String, _ counts: [(term: String, documents: Int)]) throws {
        var insert = try RowWriter(db, sql: "INSERT INTO \(table) (term, documents) VALUES (?, ?)")
        for (term, documents) in counts {
            insert.bind(term)
            insert.bind(Int64(documents))
            try insert.run()
        }
    }

    /// Counts the phrases of every indexed document and stores the common ones (migration 0007, for a registry
    /// indexed before phrase counts existed).
    static func countCommonPhrases(_ db: Database) throws {
        var counter = SearchText.PhraseCounter()
        let documents = try String.fetchCursor(try db.cachedStatement(sql: "SELECT document FROM search_documents"))
        while let document = try documents.next() { counter.add(document: document) }
        try insertCounts(db, into: "search_phrase_counts", counter.common())
    }
}
