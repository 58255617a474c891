import PostgresNIO
import RegistryCore
import RegistryStore

/// Numbers the change feed and chains the audit log in commit order.
///
/// Transactions append to `change_feed_pending` and `audit_pending` as their last writes, holding the journal
/// lock in shared mode until they commit (`PostgresJournal.flush`); they never wait for one another. The
/// sequencer takes the lock exclusively — it waits for the transactions that hold it to commit, and holds off
/// new ones for the few milliseconds it runs — then moves every pending entry, in the order of its pending id, to
/// `change_feed` (sequence numbers continue without gaps) and `audit_log` (each entry hashed onto the previous).
/// So the feed has no holes a reader could skip past, the audit chain stays one line however many counters
/// commit at once, and a snapshot taken right after a sequencing run (still under the lock) is exactly at a feed
/// sequence number. It also folds the search index's term-frequency deltas into their counts.
enum PostgresSequencer {
    /// Runs inside the caller's transaction (or session) holding nothing; takes the exclusive lock for the
    /// transaction when `transactionLock`, otherwise expects the caller to hold it.
    static func run(_ connection: PostgresConnection, logger: Logger, transactionLock: Bool = true) async throws {
        if transactionLock {
            try await connection.run(SQLStatement("SELECT pg_advisory_xact_lock(\(PostgresRegistryStore.LockKey.journal))"), logger: logger)
        }
        try await chainAudit(connection, logger: logger)
        try await connection.run("""
            INSERT INTO change_feed (sequence, at, code, change, old_values, new_values)
            SELECT (SELECT coalesce(max(sequence), 0) FROM change_feed) + row_number() OVER (ORDER BY id), at, code, change, old_values, new_values
            FROM change_feed_pending ORDER BY id
            """, logger: logger)
        try await connection.run("DELETE FROM change_feed_pending", logger: logger)
        // Fold the term-frequency deltas committed so far into the counts (readers add the rest).
        try await connection.run("""
            WITH d AS (DELETE FROM search_term_deltas RETURNING term, delta),
                 g AS (SELECT term, sum(delta)::int AS delta FROM d GROUP BY term),
                 a AS (INSERT INTO search_term_counts (term, documents) SELECT term, delta FROM g WHERE length(term) <= 4 AND left(term, 1) <> U&'\\E000'
                       ON CONFLICT (term) DO UPDATE SET documents = search_term_counts.documents + excluded.documents)
            INSERT INTO search_phrase_counts (term, documents) SELECT term, delta FROM g WHERE length(term) > 4 OR left(term, 1) = U&'\\E000'
            ON CONFLICT (term) DO UPDATE SET documents = search_phrase_counts.documents + excluded.documents
            """, logger: logger)
    }

    static func chainAudit(_ connection: PostgresConnection, logger: Logger) async throws {
        let pending = try await connection.rows(SQLStatement("SELECT id, at, actor, role, action, target, request_id FROM audit_pending ORDER BY id"),
                                                logger: logger)
        guard !pending.isEmpty else { return }
        let head = try await auditHead(connection, logger: logger)
        var previous = head?.hash ?? AuditChain.genesis
        var sequence = head?.sequence ?? 0
        var columns = (sequence: [Int64](), at: [String](), actor: [String](), role: [String](), action: [String](), target: [String](),
                       requestID: [String](), hasRequestID: [Bool](), previous: [String](), hash: [String]())
        for row in pending {
            sequence += 1
            let entry = AuditEntry(sequence: sequence, at: try row.parse("at", Instant.init(iso:)), actor: try row.text("actor"),
                                   role: try row.text("role"), action: try row.text("action"), target: try row.text("target"),
                                   requestID: try row.optionalText("request_id"), previousHash: previous)
            columns.sequence.append(entry.sequence)
            columns.at.append(entry.at.description)
            columns.actor.append(entry.actor)
            columns.role.append(entry.role)
            columns.action.append(entry.action)
            columns.target.append(entry.target)
            columns.requestID.append(entry.requestID ?? "")
            columns.hasRequestID.append(entry.requestID != nil)
            columns.previous.append(entry.previousHash)
            columns.hash.append(entry.hash)
            previous = entry.hash
        }
        var insert = SQLStatement("INSERT INTO audit_log (sequence, at, actor, role, action, target, request_id, previous_hash, hash) ")
        let arrays = [insert.bind(columns.sequence) + "::bigint[]", insert.bind(columns.at) + "::text[]", insert.bind(columns.actor) + "::text[]",
                      insert.bind(columns.role) + "::text[]", insert.bind(columns.action) + "::text[]", insert.bind(columns.target) + "::text[]",
                      insert.bind(columns.requestID) + "::text[]", insert.bind(columns.hasRequestID) + "::boolean[]",
                      insert.bind(columns.previous) + "::text[]", insert.bind(columns.hash) + "::text[]"]
        insert.append("SELECT s, a, ac, r, act, t, CASE WHEN h THEN q END, p, x FROM unnest(" + arrays.joined(separator: ", ")
                      + ") AS u(s, a, ac, r, act, t, q, h, p, x) ORDER BY s")
        try await connection.run(insert, logger: logger)
        var delete = SQLStatement("DELETE FROM audit_pending WHERE id <= ")
        delete.append(delete.bind(try pending[pending.count - 1].int64("id")))
        try await connection.run(delete, logger: logger)
    }

    /// The last chained audit entry's sequence and hash, or nil for an empty log.
    static func auditHead(_ connection: PostgresConnection, logger: Logger) async throws -> AuditChainHead? {
        guard let row = try await connection.firstRow(SQLStatement("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1"),
                                                      logger: logger) else { return nil }
        return AuditChainHead(sequence: try row.int64("sequence"), hash: try row.text("hash"))
    }
}

extension PostgresRegistryStore {
    /// Numbers and chains every pending feed and audit entry (see `PostgresSequencer`).
    public func sequencePending() async throws(StoreError) {
        try await transaction { connection, logger in try await PostgresSequencer.run(connection, logger: logger) }
    }

    /// Runs the sequencer every `interval` until the task is cancelled (the server keeps the pending tables short
    /// and the term counts folded even when nobody reads the feed). Failures are retried at the next tick.
    public func sequenceContinually(every interval: Duration = .seconds(2)) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            try? await sequencePending()
        }
    }
}
