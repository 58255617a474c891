import Foundation
import GRDB
import RegistryCore
import RegistryStore

extension SQLiteRegistryStore {
    /// Reads every shared table (`RegistryTransfer.tables`) in **one** read transaction, `chunkSize` rows at a time,
    /// handing each chunk to `send` (which may block: the reader waits for the writer on the other side), and
    /// returns what the copy is checked against. Synchronous: run it on a thread of its own.
    public func readTransfer(chunkSize: Int = 5_000, _ send: (RegistryTransfer.Chunk) throws -> Void) throws(StoreError) -> RegistryTransfer.Summary {
        do {
            return try pool.read { db in
                var counts: [String: Int] = [:]
                for table in RegistryTransfer.tables {
                    counts[table.name] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0
                    let cursor = try Row.fetchCursor(db, sql: "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)")
                    var rows: [[RegistryTransfer.Value]] = []
                    rows.reserveCapacity(chunkSize)
                    while let row = try cursor.next() {
                        rows.append((0..<table.columns.count).map { Self.transferValue(row[$0] as DatabaseValue) })
                        if rows.count == chunkSize {
                            try send(RegistryTransfer.Chunk(table: table, rows: rows))
                            rows.removeAll(keepingCapacity: true)
                        }
                    }
                    if !rows.isEmpty { try send(RegistryTransfer.Chunk(table: table, rows: rows)) }
                }
                return RegistryTransfer.Summary(
                    rowCounts: counts,
                    nextCodeSequence: try Int64.fetchOne(db, sql: "SELECT next_value FROM code_sequence WHERE id = 1") ?? 0,
                    nextApplicationNumber: try Int64.fetchOne(db, sql: "SELECT next_value FROM counters WHERE name = 'application'") ?? 1,
                    feedSequence: try Int64.fetchOne(db, sql: "SELECT coalesce(max(sequence), 0) FROM change_feed") ?? 0,
                    auditHead: try JournalWriter.auditHead(db))
            }
        } catch {
            throw Self.translate(error)
        }
    }

    static func transferValue(_ value: DatabaseValue) -> RegistryTransfer.Value {
        switch value.storage {
        case .null: .null
        case .int64(let number): .integer(number)
        case .double(let number): .text(String(number))
        case .string(let text): .text(text)
        case .blob(let data): .bytes(Array(data))
        }
    }
}

extension SQLiteRegistryStore {
    /// Copies the registry file at `source` to a new file at `destination` with SQLite's online backup: a consistent
    /// copy even while the source's WAL is not (or only partly) checkpointed, which copying the file alone is not.
    public static func copyRegistry(from source: String, to destination: String) throws(StoreError) {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let from = try DatabaseQueue(path: source, configuration: configuration)
            let to = try DatabaseQueue(path: destination)
            try from.backup(to: to)
            try to.close()
            try from.close()
        } catch {
            throw translate(error)
        }
    }
}
