import Foundation
import GRDB
import RegistryCore
import RegistryStore

/// Appends to the audit log and the change feed, and records idempotent replies. Callers hold the write
/// transaction, so an entry commits with the change it describes.
enum JournalWriter {
    static func audit(_ db: Database, _ actor: Actor, action: String, target: String, at instant: Instant) throws {
        try db.cachedStatement(sql: "INSERT INTO audit_log (at, actor, role, action, target, request_id) VALUES (?, ?, ?, ?, ?, ?)")
            .execute(arguments: [instant.description, actor.label, actor.role, action, target, actor.requestID])
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
