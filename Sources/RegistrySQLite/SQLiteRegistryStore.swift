import Foundation
import GRDB
import RegistryCore
import RegistryStore
import Synchronization

/// The registry on an SQLite file: WAL, `synchronous=FULL`, foreign keys on; one writer, many readers.
public final class SQLiteRegistryStore: RegistryStore {
    /// The connection pool (readers never wait for the writer).
    let pool: DatabasePool
    /// Where the file is.
    public let path: String
    /// Recent search pages of the current registry generation.
    let searchCache: SearchCache
    /// Decoded application forms (immutable per version).
    let forms = FormCache()
    /// Shares flushes between concurrent writers; nil writes one transaction per call.
    let groupCommit: GroupCommitWriter?
    /// Checkpoints the WAL off the writer's thread.
    let checkpointer: WALCheckpointer
    /// Which completion writes fail on purpose (tests only; nothing fails by default).
    let failsBefore: @Sendable (CompletionStep) -> Bool
    /// When the search index takes in what writes queue for it.
    public let searchIndexing: SearchIndexing
    /// What every write transaction runs last (`beforeCommit(_:)`).
    let beforeCommit: @Sendable (Database) throws -> Void

    /// When the search index takes in a write's changes (`SearchIndexQueue`).
    public enum SearchIndexing: Sendable {
        /// In the write's own transaction: search shows a registration as soon as it is committed.
        case withEachWrite
        /// In batches, whenever `indexQueuedSearchEntries` runs (a server runs it every few milliseconds): the single
        /// writer does not index each registration on its own, and search shows it once its batch has committed.
        case batched
    }

    /// Opens (creating if needed) the registry at `path`. Call `migrate()` before use.
    /// `searchCacheCapacity` pages are kept between writes (0 turns the cache off).
    /// `groupCommit` lets concurrent writes share one transaction and flush, each in its own savepoint (off:
    /// one transaction per write, the benchmark's baseline). `failsBefore` injects a failure ahead of a
    /// completion write, for the all-or-nothing tests.
    /// `searchIndexing` says whether each write indexes its changes for search itself or leaves them for batches.
    public init(path: String, searchCacheCapacity: Int = 4_096, groupCommit: Bool = true, searchIndexing: SearchIndexing = .withEachWrite,
                failsBefore: @escaping @Sendable (CompletionStep) -> Bool = { _ in false }) throws(StoreError) {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "yizhao"
        // Two cores: more readers than that only multiply page caches.
        configuration.maximumReaderCount = 4
        configuration.prepareDatabase { db in
            // 24 MB of page cache per connection keeps the search indexes and hot entity pages in
            // memory; the default 2 MB made every search read pages through read(2). (Memory-mapping
            // the file instead was no faster here and pushed the server past 200 MB RSS.)
            try db.execute(sql: "PRAGMA cache_size = -24576")
            if !db.configuration.readonly {
                // The writer sorts in memory (index builds of bulk loads; its temporary tables are small). Set
                // before the temporary table below: changing temp_store later would drop it.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                try db.execute(sql: SearchIndexWriter.createPendingSQL)
                // Checkpoints are the checkpointer's; the writer's own only guard against its falling behind.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(WALCheckpointer.writerFallbackPages)")
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB's pool sets `synchronous = NORMAL` on its writer after `prepareDatabase` runs (its WAL
            // set-up), which would leave commits unsynced: a power cut could lose registrations already
            // answered. The writer connection lives as long as the pool, so setting FULL here holds.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            checkpointer = try WALCheckpointer(path: path)
        } catch {
            throw Self.translate(error)
        }
        self.path = path
        self.searchCache = SearchCache(capacity: searchCacheCapacity)
        self.searchIndexing = searchIndexing
        let beforeCommit = Self.beforeCommit(searchIndexing)
        self.beforeCommit = beforeCommit
        self.groupCommit = groupCommit ? GroupCommitWriter(pool: pool, beforeCommit: beforeCommit) : nil
        self.failsBefore = failsBefore
    }

    /// Throws `StoreError.injected` ahead of a write the fault plan names.
    var faultHook: @Sendable (CompletionStep) throws -> Void {
        let failsBefore = self.failsBefore
        return { step in if failsBefore(step) { throw StoreError.injected(step) } }
    }

    public func migrate() async throws(StoreError) {
        let migrator = SQLiteSchema.migrator
        do {
            let applied = try await read { db in try migrator.appliedIdentifiers(db) }
            let unknown = applied.subtracting(migrator.migrations)
            guard unknown.isEmpty else { throw StoreError.unknownMigrations(unknown.sorted()) }
            try migrator.migrate(pool)
        } catch {
            throw Self.translate(error)
        }
        // Search entries a batch-indexing server left queued when it stopped (or crashed) are indexed now, so that
        // every process sees the registry's search whole from its start.
        try await indexAllQueuedSearchEntries()
    }

    public func entityCount() async throws(StoreError) -> Int {
        try await read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entities") ?? 0 }
    }

    public func dossier(_ code: CreditCode) async throws(StoreError) -> EntityDossier? {
        try await read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM entities WHERE code = ?", arguments: [code.rawValue]) else {
                return nil
            }
            return try DossierReader.read(db, entityID: id)
        }
    }

    /// Removes every entity, registration and name reservation (for `seed --force`), in one transaction.
    public func eraseRegistry() async throws(StoreError) {
        try await write(grouped: false) { db in
            for table in ["search_index_queue", "search_term_counts", "search_phrase_counts", "search_documents", "former_name_keys", "name_history", "zihao_grams", "application_reviews", "application_versions",
                          "applications", "change_feed", "name_reservations", "statistics_registrations", "tax_registrations", "business_licenses", "entities"] {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            try db.execute(sql: "INSERT INTO search_trigrams(search_trigrams) VALUES ('rebuild')")
            try db.execute(sql: "INSERT INTO search_bigrams(search_bigrams) VALUES ('delete-all')")
            try db.execute(sql: "UPDATE code_sequence SET next_value = 0")
        }
        do {
            try await pool.barrierWriteWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        } catch {
            throw Self.translate(error)
        }
    }

    /// Runs `body` in a read transaction, translating errors.
    ///
    /// Through GRDB's `asyncRead`, which hands the connection back on the reader's own queue as soon as `body` returns.
    /// GRDB's `async` `read` keeps it until the awaiting task is resumed on a cooperative thread, and searches wait for a
    /// connection on the cooperative thread itself (`searchOnCallingThread`): with every cooperative thread waiting in
    /// a search and every connection held by a read waiting to be resumed, the service hung (`ReaderPoolTests`).
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        let result: Result<T, any Error> = await withCheckedContinuation { continuation in
            pool.asyncRead { connection in
                continuation.resume(returning: Result { try body(try connection.get()) })
            }
        }
        do {
            return try result.get()
        } catch {
            throw Self.translate(error)
        }
    }

    /// Runs `body` atomically and durably (its own savepoint in a group-commit transaction, or its own
    /// transaction), translating errors; retires cached search pages unless the write cannot change search
    /// results (reservations). `grouped: false` writes alone (bulk imports).
    func write<T: Sendable>(retiringSearchPages: Bool = true, grouped: Bool = true,
                            _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        defer { if retiringSearchPages { searchCache.invalidate() } }
        do {
            defer { checkpointer.committed() }
            if grouped, let groupCommit { return try await groupCommit.write(body) }
            let beforeCommit = self.beforeCommit
            return try await pool.write { db in
                let value = try body(db)
                try beforeCommit(db)
                return value
            }
        } catch {
            throw Self.translate(error)
        }
    }

    /// What every write transaction does last: indexes the queued search entries when each write indexes its own,
    /// then writes the transaction's FTS5 rows.
    /// (A registry not yet migrated to 0014 has no queue, and its writes queue nothing.)
    static func beforeCommit(_ searchIndexing: SearchIndexing) -> @Sendable (Database) throws -> Void {
        switch searchIndexing {
        case .withEachWrite:
            let queueExists = Mutex(false)
            return { db in
                if try queueExists.withLock({ exists in
                    if !exists { exists = try db.tableExists(SearchIndexQueue.table) }
                    return exists
                }) {
                    try SearchIndexQueue.apply(db)
                }
                try SearchIndexWriter.flushPending(db)
            }
        case .batched:
            return SearchIndexWriter.flushPending
        }
    }

    /// Maps GRDB and SQLite errors to `StoreError`.
    static func translate(_ error: any Error) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT:
            return .conflict(error.message ?? "constraint violated")
        case let error as DatabaseError:
            return .backend("\(error.resultCode): \(error.message ?? "")")
        default:
            return .backend(String(describing: error))
        }
    }
}
