import Foundation
import Logging
import PostgresNIO
import RegistryCore
import RegistryStore

/// The registry on a PostgreSQL server (postgres-nio's connection pool; every value bound). Writers run
/// concurrently, each in its own transaction, so concurrent counters share the server's WAL flushes; the
/// change feed and audit log are numbered in commit order by `PostgresSequencer`.
public final class PostgresRegistryStore: RegistryStore {
    /// Where the database is.
    public let location: PostgresLocation
    let client: PostgresClient
    let logger: Logger
    /// Runs the client's connection pool for the store's lifetime.
    private let runner: Task<Void, Never>
    /// Decoded application forms (immutable per version): reviews read the same form again and again.
    let forms = FormCache()
    /// Which completion writes fail on purpose (tests only; nothing fails by default).
    let failsBefore: @Sendable (CompletionStep) -> Bool

    /// Connects to `location` with a pool of at most `connections`. Call `migrate()` before use, and
    /// `shutdown()` when done.
    public init(location: PostgresLocation, connections: Int = 24, logger: Logger = Logger(label: "yizhao.postgres"),
                failsBefore: @escaping @Sendable (CompletionStep) -> Bool = { _ in false }) {
        self.location = location
        // Errors reach callers as `StoreError`s; the pool's own warnings (a query queued before its run task has
        // started) are noise here.
        var logger = logger
        logger.logLevel = max(logger.logLevel, .error)
        self.logger = logger
        self.failsBefore = failsBefore
        let client = PostgresClient(configuration: location.clientConfiguration(connections: connections), backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
    }

    /// Connects to the database at `url`.
    public convenience init(url: String, connections: Int = 24,
                            failsBefore: @escaping @Sendable (CompletionStep) -> Bool = { _ in false }) throws(StoreError) {
        self.init(location: try PostgresLocation(url: url), connections: connections, failsBefore: failsBefore)
    }

    deinit { runner.cancel() }

    /// Closes the pool's connections.
    public func close() async { await shutdown() }

    /// Closes the pool's connections.
    public func shutdown() async {
        runner.cancel()
        await runner.value
    }

    /// Throws `StoreError.injected` ahead of a write the fault plan names.
    var faultHook: @Sendable (CompletionStep) throws -> Void {
        let failsBefore = self.failsBefore
        return { step in if failsBefore(step) { throw StoreError.injected(step) } }
    }

    public func entityCount() async throws(StoreError) -> Int {
        try await read { connection, logger in
            try await connection.firstRow(SQLStatement("SELECT count(*) AS n FROM entities"), logger: logger)?.int("n") ?? 0
        }
    }

    // MARK: Connections and transactions

    /// Runs `body` on a pooled connection outside an explicit transaction (each statement its own snapshot).
    func read<T: Sendable>(_ body: (PostgresConnection, Logger) async throws -> T) async throws(StoreError) -> T {
        let logger = self.logger
        do {
            return try await client.withConnection { connection in try await body(connection, logger) }
        } catch {
            throw Self.translate(error)
        }
    }

    /// How a transaction isolates itself.
    enum Isolation: String {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
    }

    /// Runs `body` in one transaction, committing when it returns and rolling back when it throws. A deadlock
    /// (which PostgreSQL resolves by aborting one side) or another transient failure (`isTransient`) runs it again, up to
    /// `attempts` times, after a short random pause.
    func transaction<T: Sendable>(_ isolation: Isolation = .readCommitted, attempts: Int = 30,
                                  _ body: (PostgresConnection, Logger) async throws -> T) async throws(StoreError) -> T {
        let logger = self.logger
        var attempt = 1
        while true {
            do {
                return try await client.withConnection { connection in
                    try await connection.run("BEGIN ISOLATION LEVEL \(isolation.rawValue)", logger: logger)
                    do {
                        let value = try await body(connection, logger)
                        try await connection.run("COMMIT", logger: logger)
                        return value
                    } catch {
                        try? await connection.run("ROLLBACK", logger: logger)
                        throw error
                    }
                }
            } catch {
                if Self.isTransient(error) && attempt < attempts {
                    attempt += 1
                    try? await Task.sleep(for: .microseconds(Int.random(in: 100...(500 * attempt))))
                    continue
                }
                throw Self.translate(error)
            }
        }
    }

    /// One transaction (see `transaction`) that first looks for `idempotency`'s recorded reply (then writes
    /// nothing) and otherwise runs `body`, writes its journal entries and records its reply, all in the same
    /// transaction.
    func idempotentWrite<Value: Sendable>(_ idempotency: Idempotent<Value>?, at instant: Instant, isolation: Isolation = .readCommitted,
                                          _ body: @escaping (PostgresConnection, PostgresJournal, Logger) async throws -> Value) async throws(StoreError) -> Replayable<Value> {
        try await transaction(isolation) { connection, logger in
            if let idempotency, let reply = try await PostgresJournal.replay(connection, idempotency.key, logger: logger) { return .replayed(reply) }
            let journal = PostgresJournal()
            let value = try await body(connection, journal, logger)
            if let idempotency, let reply = try idempotency.render(value) { journal.record(idempotency.key, reply, at: instant) }
            try await journal.flush(connection, logger: logger)
            return .fresh(value)
        }
    }

    /// The SQLSTATE of a server error.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Serialization failures and deadlocks: the transaction can simply run again.
    static func isTransient(_ error: any Error) -> Bool {
        guard let state = sqlState(error) else { return false }
        // A concurrent first use of the same idempotency key: run again, and find its reply.
        // A code an import took earlier (the sequence moves on when the transaction runs again).
        let constraint = (error as? PSQLError)?.serverInfo?[.constraintName]
        if state == "23505", constraint == "idempotency_keys_pkey" || constraint == "entities_by_subject_id" { return true }
        return state == "40001" || state == "40P01"
    }

    /// Maps postgres-nio and server errors to `StoreError`.
    static func translate(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? PSQLError else { return .backend(String(describing: error)) }
        guard let info = error.serverInfo, let state = info[.sqlState] else {
            return .backend("PostgreSQL: \(error.code)" + (error.underlying.map { " (\($0))" } ?? ""))
        }
        let message = info[.message] ?? "server error"
        let detail = info[.detail].map { " (\($0))" } ?? ""
        if state.hasPrefix("23") { return .conflict(message + detail) }
        return .backend("PostgreSQL \(state): \(message)\(detail)")
    }
}
