import PostgresNIO
import RegistryCore
import RegistryStore

/// What the PostgreSQL benchmark needs from the server directly: the raw pg_trgm baseline search is compared
/// with, and scratch databases for write runs. (SQL stays in the backend module.)
public struct PostgresBenchmarkSupport: Sendable {
    let store: PostgresRegistryStore

    /// Wraps a store.
    public init(store: PostgresRegistryStore) {
        self.store = store
    }

    /// The baseline: pg_trgm alone — the first 20 documents containing `query` in key order, no tiers, no
    /// filters, no total (2-character queries have no trigram: the server scans); returns the row count.
    public func rawTrigramFirstPage(_ query: String) async throws(StoreError) -> Int {
        try await store.read { connection, logger in
            var s = SQLStatement("SELECT search_key FROM search_documents WHERE document LIKE ")
            s.append(s.bind("%" + query + "%") + " ORDER BY search_key LIMIT 20")
            return try await connection.rows(s, logger: logger).count
        }
    }

    /// Creates (replacing) an empty database `name` on the same server with a UTF-8 character type, and returns
    /// its location.
    public func scratchDatabase(_ name: String) async throws(StoreError) -> PostgresLocation {
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw StoreError.backend("not a plain database name: \(name)")
        }
        try await store.read { connection, logger in
            try await connection.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", logger: logger)
            try await connection.run("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'", logger: logger)
        }
        return store.location.with(database: name)
    }

    /// Drops a scratch database.
    public func dropDatabase(_ name: String) async throws(StoreError) {
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return }
        try await store.read { connection, logger in
            try await connection.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", logger: logger)
        }
    }
}
