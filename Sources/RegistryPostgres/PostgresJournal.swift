import PostgresNIO
import RegistryCore
import RegistryStore

/// The last writes of one transaction, sent as **one** statement when it ends (`flush`): rows to insert, updates,
/// and the audit and change-feed entries it makes — the latter into the `…_pending` tables under a shared advisory
/// lock that the sequencer takes exclusively, so the sequencer never runs while a transaction that has written
/// pending entries is still open, and writers never wait for each other. One statement instead of one per row keeps
/// a registration to a handful of round trips.
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
    private var sets: [RowSet] = []
    private var updates: [(inout SQLStatement) -> String] = []

    func audit(_ actor: Actor, action: String, target: String, at instant: Instant) {
        audits.append(Audit(at: instant, actor: actor, action: action, target: target))
    }

    func change(code: CreditCode, change: String, old: String?, new: String, at instant: Instant) {
        changes.append(Change(at: instant, code: code, change: change, old: old, new: new))
    }

    /// Rows to insert at the end; rows for a table already listed join its INSERT, in order (so serial ids follow
    /// the order rows were added in: the sub-statements of one statement run in no particular order).
    func insert(_ set: RowSet) {
        if let index = sets.firstIndex(where: { $0.table == set.table && $0.columns == set.columns }) {
            sets[index].rows += set.rows
        } else {
            sets.append(set)
        }
    }

    /// An UPDATE (or DELETE) to run at the end: `build` binds its values and returns its SQL.
    func update(_ build: @escaping (inout SQLStatement) -> String) { updates.append(build) }

    /// Sends everything collected as one statement (data-modifying CTEs; foreign keys are checked at its end).
    func flush(_ connection: PostgresConnection, logger: Logger) async throws {
        var statement = SQLStatement()
        var parts = updates.map { $0(&statement) }
        parts += sets.compactMap { $0.insertSQL(binding: &statement) }
        let lock = "(SELECT pg_advisory_xact_lock_shared(\(PostgresRegistryStore.LockKey.journal))) AS journal_lock"
        if !audits.isEmpty {
            let rows = audits.map { audit in
                "(" + [statement.bind(audit.at.description), statement.bind(audit.actor.label), statement.bind(audit.actor.role),
                       statement.bind(audit.action), statement.bind(audit.target), statement.bind(audit.actor.requestID)].joined(separator: ", ") + ")"
            }
            parts.append("INSERT INTO audit_pending (at, actor, role, action, target, request_id) SELECT v.* FROM \(lock), (VALUES "
                         + rows.joined(separator: ", ") + ") AS v(at, actor, role, action, target, request_id)")
        }
        if !changes.isEmpty {
            let rows = changes.map { change in
                "(" + [statement.bind(change.at.description), statement.bind(change.code.rawValue), statement.bind(change.change),
                       statement.bind(change.old), statement.bind(change.new)].joined(separator: ", ") + ")"
            }
            parts.append("INSERT INTO change_feed_pending (at, code, change, old_values, new_values) SELECT v.* FROM \(lock), (VALUES "
                         + rows.joined(separator: ", ") + ") AS v(at, code, change, old_values, new_values)")
        }
        audits = []
        changes = []
        sets = []
        updates = []
        guard let last = parts.last else { return }
        let ctes = parts.dropLast().enumerated().map { "w\($0.offset) AS (\($0.element))" }
        statement.append((ctes.isEmpty ? "" : "WITH " + ctes.joined(separator: ", ") + " ") + last)
        try await connection.run(statement, logger: logger)
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

    /// Records `reply` under `key` with the transaction's last writes; a concurrent first use of the same key makes
    /// the commit a unique violation (and the transaction runs again, finding the reply).
    func record(_ key: IdempotencyKey, _ reply: RecordedReply, at instant: Instant) {
        var row = RowSet("idempotency_keys", ["scope", "key", "fingerprint", "status", "body", "location", "created_at"])
        row.append([.text(key.scope), .text(key.key), .text(key.fingerprint), FieldValue(reply.status), .bytes(reply.body),
                    FieldValue(reply.location), .text(instant.description)])
        insert(row)
    }
}
