import GRDB
import RegistryCore

/// What the search benchmark needs from the SQLite file directly: sample queries and the raw FTS5
/// baseline it is compared with. (SQL stays in the backend module.)
public struct SQLiteBenchmarkSupport: Sendable {
    let store: SQLiteRegistryStore

    /// Wraps a store.
    public init(store: SQLiteRegistryStore) {
        self.store = store
    }

    /// The group-commit writer's totals so far: transactions committed, the jobs they held, and seconds spent in
    /// them (BEGIN to the end of COMMIT); nil when the store writes one transaction per call.
    public var writerStatistics: (groups: Int, jobs: Int, busySeconds: Double)? {
        guard let statistics = store.groupCommit?.statistics else { return nil }
        return (statistics.groups, statistics.jobs, statistics.busySeconds)
    }

    /// `count` random substrings of `length` characters of random current names (search form).
    public func sampleQueries(count: Int, length: Int, seed: UInt64) async throws -> [String] {
        let names = try await store.read { db in  // the store's one asynchronous read path (see `read`)
            try String.fetchAll(db, sql: "SELECT name FROM entities ORDER BY id")
        }
        var random = SplitMix64(seed: seed)
        var queries: [String] = []
        while queries.count < count {
            let name = Array(SearchText.normalize(names[Int(random.next() % UInt64(names.count))]).unicodeScalars)
            guard name.count >= length else { continue }
            let start = Int(random.next() % UInt64(name.count - length + 1))
            var text = String.UnicodeScalarView()
            text.append(contentsOf: name[start..<(start + length)])
            queries.append(String(text))
        }
        return queries
    }

    /// The baseline: a bare FTS5 query for the first 20 matches (trigram for 3+ characters, the
    /// bigram table for 2), no ranking, no filters, no total; returns the row count.
    public func rawFirstPage(_ query: String) throws -> Int {
        try store.pool.read { db in
            let sql = query.unicodeScalars.count >= 3
                ? "SELECT rowid FROM search_trigrams WHERE search_trigrams MATCH ? LIMIT 20"
                : "SELECT rowid FROM search_bigrams WHERE search_bigrams MATCH ? LIMIT 20"
            // A cached statement, as the store's own statements are: preparing it was a fifth of this query's time.
            return try Int64.fetchAll(try db.cachedStatement(sql: sql), arguments: ["\"" + query + "\""]).count
        }
    }
}
