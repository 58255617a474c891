import Foundation
import GRDB
import RegistryCore
import RegistryStore

/// Appends to the audit log and the change feed, and records idempotent replies. Callers hold the write
/// transaction, so an entry commits with the change it describes.
enum JournalWriter {
    /// Appends an entry linked to the current head of the chain (the writer is the only one appending, so the
    /// head read here is the head the entry commits after).
    static func audit(_ db: Database, _ actor: Actor, action: String, target: String, at instant: Instant) throws {
        let head = try auditHead(db)
        let entry = AuditEntry(sequence: (head?.sequence ?? 0) + 1, at: instant, actor: actor.label, role: actor.role, action: action,
                               target: target, requestID: actor.requestID, previousHash: head?.hash ?? AuditChain.genesis)
        try insert(db, entry)
    }

    static func insert(_ db: Database, _ entry: AuditEntry) throws {
        try db.cachedStatement(sql: """
            INSERT INTO audit_log (sequence, at, actor, role, action, target, request_id, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
            .execute(arguments: [entry.sequence, entry.at.description, entry.actor, entry.role, entry.action, entry.target, entry.requestID,
                                 entry.previousHash, entry.hash])
    }

    /// The last audit entry's sequence and hash, or nil for an empty log.
    static func auditHead(_ db: Database) throws -> AuditChainHead? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1")).map { row in
            AuditChainHead(sequence: row[0], hash: row[1])  // by position: read on every audited write
        }
    }

    /// An audit entry as stored (its hashes not checked: that is the verifier's job).
    static func auditEntry(_ row: Row) throws -> AuditEntry {
        AuditEntry(sequence: row["sequence"], at: try ApplicationRecord.parse(Instant(iso: row["at"]), "at"), actor: row["actor"],
                   role: row["role"], action: row["action"], target: row["target"], requestID: row["request_id"],
                   previousHash: row["previous_hash"], hash: row["hash"])
    }

    static func change(_ db: Database, code: CreditCode, change: String, old: String?, new: String, at instant: Instant) throws {
        try db.cachedStatement(sql: "INSERT INTO change_feed (at, code, change, old_values, new_values) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [instant.description, code.rawValue, change, old, new])
    }

    /// The recorded reply for `key`, or nil if the key is new; a key reused for another request is refused.
    static func replay(_ db: Database, _ key: IdempotencyKey) throws -> RecordedReply? {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT fingerprint, status, body, location FROM idempotency_keys WHERE scope = ? AND key = ?"),
                                         arguments: [key.scope, key.key]) else { return nil }
        guard row["fingerprint"] as String == key.fingerprint else { throw StoreError.idempotencyKeyReused(key.key) }
        let body: Data = row["body"]
        return RecordedReply(status: row["status"], body: Array(body), location: row["location"])
    }

    static func record(_ db: Database, _ key: IdempotencyKey, _ reply: RecordedReply, at instant: Instant) throws {
        try db.cachedStatement(sql: """
            INSERT INTO idempotency_keys (scope, key, fingerprint, status, body, location, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
                .execute(arguments: [key.scope, key.key, key.fingerprint, reply.status, Data(reply.body), reply.location, instant.description])
    }
}
