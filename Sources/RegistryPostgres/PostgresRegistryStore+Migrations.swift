import PostgresNIO
import RegistryStore

extension PostgresRegistryStore {
    /// Advisory lock keys (one namespace: 'YZ' in the high bytes).
    enum LockKey {
        /// Held while migrating, so two processes starting at once do not both migrate.
        static let migration: Int64 = 0x595A_0001
        /// Shared by every transaction that appends to the audit log or the change feed; the sequencer takes it
        /// exclusively (see `PostgresSequencer`).
        static let journal: Int64 = 0x595A_0002
    }

    /// Checks the database's character type, then applies pending migrations (each in its own transaction, under
    /// an advisory lock); refuses a database migrated by a newer Yizhao.
    public func migrate() async throws(StoreError) {
        try await checkCharacterType()
        let logger = self.logger
        do {
            try await client.withConnection { connection in
                try await connection.run(SQLStatement("SELECT pg_advisory_lock(\(LockKey.migration))"), logger: logger)
                do {
                    try await Self.applyMigrations(connection, logger: logger)
                    try await connection.run(SQLStatement("SELECT pg_advisory_unlock(\(LockKey.migration))"), logger: logger)
                } catch {
                    try? await connection.run(SQLStatement("SELECT pg_advisory_unlock(\(LockKey.migration))"), logger: logger)
                    throw error
                }
            }
        } catch {
            throw Self.translate(error)
        }
    }

    static func applyMigrations(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run("""
            CREATE TABLE IF NOT EXISTS schema_migrations (identifier TEXT COLLATE "C" PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
            """, logger: logger)
        let applied = Set(try await connection.rows(SQLStatement("SELECT identifier FROM schema_migrations"), logger: logger).map { try $0.text("identifier") })
        let known = Set(PostgresSchema.migrations.map(\.id))
        let unknown = applied.subtracting(known)
        guard unknown.isEmpty else { throw StoreError.unknownMigrations(unknown.sorted()) }
        for migration in PostgresSchema.migrations where !applied.contains(migration.id) {
            try await connection.run("BEGIN", logger: logger)
            do {
                for statement in PostgresSchema.statements(of: migration.sql) { try await connection.run(statement, logger: logger) }
                var record = SQLStatement("INSERT INTO schema_migrations (identifier) VALUES (")
                record.append(record.bind(migration.id) + ")")
                try await connection.run(record, logger: logger)
                try await connection.run("COMMIT", logger: logger)
            } catch {
                try? await connection.run("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// The migrations not yet applied (empty when the database is current).
    public func pendingMigrations() async throws(StoreError) -> [String] {
        try await read { connection, logger in
            let exists = try await connection.firstRow(SQLStatement("SELECT to_regclass('schema_migrations') IS NOT NULL AS present"), logger: logger)?
                .bool("present") ?? false
            let applied = exists
                ? Set(try await connection.rows(SQLStatement("SELECT identifier FROM schema_migrations"), logger: logger).map { try $0.text("identifier") })
                : []
            return PostgresSchema.migrations.map(\.id).filter { !applied.contains($0) }
        }
    }

    /// Refuses a database whose `LC_CTYPE` is not UTF-8: pg_trgm then makes no trigrams from Chinese text
    /// while the planner still uses its (empty) index, so searches would silently find nothing.
    func checkCharacterType() async throws(StoreError) {
        let (database, ctype, encoding) = try await read { connection, logger in
            guard let row = try await connection.firstRow(SQLStatement("""
                SELECT current_database() AS name, datctype, pg_encoding_to_char(encoding) AS encoding
                FROM pg_database WHERE datname = current_database()
                """), logger: logger) else { throw StoreError.backend("cannot read the database's settings") }
            return (try row.text("name"), try row.text("datctype"), try row.text("encoding"))
        }
        let lowered = ctype.lowercased()
        guard encoding == "UTF8", lowered.contains("utf8") || lowered.contains("utf-8") else {
            throw StoreError.backend("""
                database \(database) has LC_CTYPE \(ctype) and encoding \(encoding): pg_trgm makes no trigrams from Chinese \
                under it, so name search would silently find nothing. Create the registry's database with a UTF-8 character type: \
                CREATE DATABASE \(database) TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8';
                """)
        }
    }
}
