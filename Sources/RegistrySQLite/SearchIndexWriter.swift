import GRDB
import RegistryCore

/// Keeps the search index (documents, FTS5 trigrams, bigrams) in step with the entities, inside the
/// caller's transaction.
enum SearchIndexWriter {
    /// The search document of an entity from all its names.
    static func document(names: [String]) -> String { SearchText.document(names: names) }

    /// Indexes one document under `key`.
    static func add(_ db: Database, key: Int64, document: String) throws {
        try db.execute(sql: "INSERT INTO search_documents (search_key, document) VALUES (?, ?)", arguments: [key, document])
        try db.execute(sql: "INSERT INTO search_trigrams (rowid, document) VALUES (?, ?)", arguments: [key, document])
        for bigram in SearchText.bigrams(ofDocument: document) {
            try db.execute(sql: "INSERT INTO search_bigrams (bigram, search_key) VALUES (?, ?)", arguments: [bigram, key])
            try db.execute(sql: """
                INSERT INTO search_bigram_counts (bigram, documents) VALUES (?, 1)
                ON CONFLICT (bigram) DO UPDATE SET documents = documents + 1
                """, arguments: [bigram])
        }
    }

    /// Removes the document indexed under `key`.
    static func remove(_ db: Database, key: Int64) throws {
        guard let document = try String.fetchOne(db, sql: "SELECT document FROM search_documents WHERE search_key = ?", arguments: [key]) else {
            return
        }
        try db.execute(sql: "INSERT INTO search_trigrams (search_trigrams, rowid, document) VALUES ('delete', ?, ?)",
                       arguments: [key, document])
        for bigram in SearchText.bigrams(ofDocument: document) {
            try db.execute(sql: "DELETE FROM search_bigrams WHERE bigram = ? AND search_key = ?", arguments: [bigram, key])
            try db.execute(sql: "UPDATE search_bigram_counts SET documents = documents - 1 WHERE bigram = ?", arguments: [bigram])
        }
        try db.execute(sql: "DELETE FROM search_documents WHERE search_key = ?", arguments: [key])
    }

    /// Indexes many documents at once into an **empty** index: documents, then one FTS rebuild, then
    /// bigrams in key order of the B-tree (sorted appends are several times faster than random inserts).
    static func bulkAdd(_ db: Database, documents: [(key: Int64, document: String)]) throws {
        let insertDocument = try db.makeStatement(sql: "INSERT INTO search_documents (search_key, document) VALUES (?, ?)")
        var bigramIDs: [String: UInt32] = [:]
        var bigramTexts: [String] = []
        var postings: [(bigram: UInt32, key: Int64)] = []
        postings.reserveCapacity(documents.count * 16)
        for (key, document) in documents {
            try insertDocument.execute(arguments: [key, document])
            for bigram in SearchText.bigrams(ofDocument: document) {
                let id: UInt32
                if let known = bigramIDs[bigram] {
                    id = known
                } else {
                    id = UInt32(bigramTexts.count)
                    bigramIDs[bigram] = id
                    bigramTexts.append(bigram)
                }
                postings.append((id, key))
            }
        }
        try db.execute(sql: "INSERT INTO search_trigrams (search_trigrams) VALUES ('rebuild')")
        // Rank bigrams in SQLite's BINARY (UTF-8 byte) order, then sort postings by (rank, key).
        let order = bigramTexts.indices.sorted { Array(bigramTexts[$0].utf8).lexicographicallyPrecedes(Array(bigramTexts[$1].utf8)) }
        var rank = [UInt32](repeating: 0, count: bigramTexts.count)
        for (position, id) in order.enumerated() { rank[id] = UInt32(position) }
        postings.sort { (rank[Int($0.bigram)], $0.key) < (rank[Int($1.bigram)], $1.key) }
        let insertBigram = try db.makeStatement(sql: "INSERT INTO search_bigrams (bigram, search_key) VALUES (?, ?)")
        var counts = [Int](repeating: 0, count: bigramTexts.count)
        for posting in postings {
            try insertBigram.execute(arguments: [bigramTexts[Int(posting.bigram)], posting.key])
            counts[Int(posting.bigram)] += 1
        }
        let insertCount = try db.makeStatement(sql: "INSERT INTO search_bigram_counts (bigram, documents) VALUES (?, ?)")
        for id in order { try insertCount.execute(arguments: [bigramTexts[id], counts[id]]) }
    }
}
