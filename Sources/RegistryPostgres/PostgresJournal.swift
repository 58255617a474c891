import PostgresNIO
import RegistryCore
import RegistryStore

/// The audit entries and change-feed entries one transaction makes, written to the `…_pending` tables at its
/// end (`flush`), under a shared advisory lock that the sequencer takes exclusively: so the sequencer never runs
/// while a transaction that has written pending entries is still open, and writers never wait for each other.
final class PostgresJournal {
    struct Audit {
        let at: Instant
        let actor: Actor
        let action: String
        let target: String
    }

    struct Change {
        let at: Instant
        let code: CreditCode
        let change: String
        let old: String?
        let new: String
    }

    private(set) var audits: [Audit] = []
    private(set) var changes: [Change] = []

    func audit(_ actor: Actor, action: String, target: String, at instant: Instant) {
        audits.append(Audit(at: instant, actor: actor, action: action, target: target))
    }

    func change(code: CreditCode, change: String, old: String?, new: String, at instant: Instant) {
        changes.append(Change(at: instant, code: code, change: change, old: old, new: new))
    }

    /// Writes the collected entries (the transaction's last writes).
    func flush(_ connection: PostgresConnection, logger: Logger) async throws {
        let lock = "FROM (SELECT pg_advisory_xact_lock_shared(\(PostgresRegistryStore.LockKey.journal))) AS journal_lock"
        for audit in audits {
            var insert = SQLStatement("INSERT INTO audit_pending (at, actor, role, action, target, request_id) SELECT ")
            insert.append([insert.bind(audit.at.description), insert.bind(audit.actor.label), insert.bind(audit.actor.role),
                           insert.bind(audit.action), insert.bind(audit.target), insert.bind(audit.actor.requestID)].joined(separator: ", "))
            insert.append(" " + lock)
            try await connection.run(insert, logger: logger)
        }
        for change in changes {
            var insert = SQLStatement("INSERT INTO change_feed_pending (at, code, change, old_values, new_values) SELECT ")
            insert.append([insert.bind(change.at.description), insert.bind(change.code.rawValue), insert.bind(change.change),
                           insert.bind(change.old), insert.bind(change.new)].joined(separator: ", "))
            insert.append(" " + lock)
            try await connection.run(insert, logger: logger)
        }
        audits = []
        changes = []
    }

    // MARK: Idempotency keys

    /// The recorded reply for `key`, or nil if the key is new; a key reused for another request is refused.
    static func replay(_ connection: PostgresConnection, _ key: IdempotencyKey, logger: Logger) async throws -> RecordedReply? {
        var select = SQLStatement("SELECT fingerprint, status, body, location FROM idempotency_keys WHERE scope = ")
        select.append(select.bind(key.scope) + " AND key = " + select.bind(key.key))
        guard let row = try await connection.firstRow(select, logger: logger) else { return nil }
        guard try row.text("fingerprint") == key.fingerprint else { throw StoreError.idempotencyKeyReused(key.key) }
        return RecordedReply(status: try row.int("status"), body: try row.bytes("body"), location: try row.optionalText("location"))
    }

    /// Records `reply` under `key`; a concurrent first use of the same key makes this a unique violation.
    static func record(_ connection: PostgresConnection, _ key: IdempotencyKey, _ reply: RecordedReply, at instant: Instant,
                       logger: Logger) async throws {
        var insert = SQLStatement("INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, location, created_at) VALUES (")
        insert.append([insert.bind(key.scope), insert.bind(key.key), insert.bind(key.fingerprint), insert.bind(Int64(reply.status)),
                       insert.bind(ByteBuffer(bytes: reply.body)), insert.bind(reply.location), insert.bind(instant.description)].joined(separator: ", ") + ")")
        try await connection.run(insert, logger: logger)
    }
}
