import Foundation
import GRDB
import RegistryCore

/// Keeps the search index (documents, FTS5 trigrams, bigrams) in step with the entities, inside the
/// caller's transaction.
enum SearchIndexWriter {
    /// What the index holds for one entity.
    struct Document: Sendable {
        let key: Int64
        let document: String
        let bigrams: String
    }

    /// Indexes one document under `key`.
    static func add(_ db: Database, key: Int64, document: String, bigrams: String? = nil) throws {
        var row = try RowWriter(db, sql: "INSERT INTO search_documents (search_key, document) VALUES (?, ?)")
        row.bind(key)
        row.bind(document)
        try row.run()
        row = try RowWriter(db, sql: "INSERT INTO search_trigrams (rowid, document) VALUES (?, ?)")
        row.bind(key)
        row.bind(document)
        try row.run()
        row = try RowWriter(db, sql: "INSERT INTO search_bigrams (rowid, bigrams) VALUES (?, ?)")
        row.bind(key)
        row.bind(bigrams ?? SearchText.bigramTokens(ofDocument: document))
        try row.run()
        // One statement for the ~30 terms of a name (a JSON array parameter), not one per term.
        try db.cachedStatement(sql: """
            INSERT INTO search_term_counts (term, documents) SELECT value, 1 FROM json_each(?) WHERE true
            ON CONFLICT (term) DO UPDATE SET documents = documents + 1
            """).execute(arguments: [jsonArray(SearchText.countedTerms(ofDocument: document))])
    }

    /// `terms` as a JSON array of strings (search terms are folded letters and digits; quotes, backslashes and
    /// control characters are escaped all the same).
    static func jsonArray(_ terms: some Sequence<String>) -> String {
        var json = "["
        for term in terms {
            if json.utf8.count > 1 { json += "," }
            json += "\""
            for scalar in term.unicodeScalars {
                switch scalar {
                case "\"": json += "\\\""
                case "\\": json += "\\\\"
                case _ where scalar.value < 0x20: json += String(format: "\\u%04x", scalar.value)
                default: json.unicodeScalars.append(scalar)
                }
            }
            json += "\""
        }
        return json + "]"
    }

    /// Removes the document indexed under `key` (FTS5 deletes need the indexed text back).
    static func remove(_ db: Database, key: Int64) throws {
        guard let document = try String.fetchOne(try db.cachedStatement(sql: "SELECT document FROM search_documents WHERE search_key = ?"), arguments: [key]) else {
            return
        }
        try db.cachedStatement(sql: "INSERT INTO search_trigrams (search_trigrams, rowid, document) VALUES ('delete', ?, ?)")
            .execute(arguments: [key, document])
        try db.cachedStatement(sql: "INSERT INTO search_bigrams (search_bigrams, rowid, bigrams) VALUES ('delete', ?, ?)")
            .execute(arguments: [key, SearchText.bigramTokens(ofDocument: document)])
        try db.cachedStatement(sql: """
            UPDATE search_term_counts SET documents = documents - 1 WHERE term IN (SELECT value FROM json_each(?))
            """).execute(arguments: [jsonArray(SearchText.countedTerms(ofDocument: document))])
        try db.cachedStatement(sql: "DELETE FROM search_documents WHERE search_key = ?").execute(arguments: [key])
    }

    /// Indexes many prepared documents at once into an **empty** index: documents and bigram tokens
    /// row by row, then one FTS rebuild of the trigram index from the documents.
    /// `termCounts` supplies the documents' term frequencies, sorted (computed off the writer thread).
    static func bulkAdd(_ db: Database, documents: [Document], termCounts: () -> [(term: String, documents: Int)]) throws {
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
        var insertCount = try RowWriter(db, sql: "INSERT INTO search_term_counts (term, documents) VALUES (?, ?)")
        for (term, documents) in termCounts() {
            insertCount.bind(term)
            insertCount.bind(Int64(documents))
            try insertCount.run()
        }
    }
}
