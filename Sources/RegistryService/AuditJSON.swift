import RegistryCore
import RegistryStore

/// The JSON of audit entries and change-feed records, shared by the HTTP API and the CLI (keys sorted; a
/// change's old and new values are the feed's JSON documents, embedded as they were committed).
public enum AuditJSON {
    /// The most entries or changes one page returns.
    public static let pageLimit = 1_000

    /// Writes `entry` as an object.
    public static func write(_ entry: AuditEntry, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("action", entry.action)
        writer.field("actor", entry.actor)
        writer.field("at", entry.at.description)
        writer.field("hash", entry.hash)
        writer.field("previousHash", entry.previousHash)
        writer.field("requestId", entry.requestID)
        writer.field("role", entry.role)
        writer.field("sequence", entry.sequence)
        writer.field("target", entry.target)
        writer.endObject()
    }

    /// Writes `change` as an object.
    public static func write(_ change: ChangeRecord, into writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("at", change.at.description)
        writer.field("change", change.change)
        writer.field("code", change.code.rawValue)
        writer.raw("newValues", json: change.newValues)
        writer.raw("oldValues", json: change.oldValues)
        writer.field("sequence", change.sequence)
        writer.endObject()
    }

    /// `entry` as one line of text (no line break).
    public static func line(_ entry: AuditEntry) -> String {
        var writer = JSONWriter(capacity: 512)
        write(entry, into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// `change` as one line of text (no line break).
    public static func line(_ change: ChangeRecord) -> String {
        var writer = JSONWriter(capacity: 4_096)
        write(change, into: &writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
