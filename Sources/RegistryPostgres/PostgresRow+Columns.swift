import PostgresNIO
import RegistryStore

/// A result row read by column name, with the decoding failures a corrupt database can cause reported as
/// `StoreError.backend`.
struct ResultRow {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) { self.row = row.makeRandomAccess() }

    func text(_ column: String) throws -> String {
        do { return try row[column].decode(String.self) } catch { throw StoreError.backend("unreadable column \(column): \(error)") }
    }

    func optionalText(_ column: String) throws -> String? {
        do { return try row[column].decode(String?.self) } catch { throw StoreError.backend("unreadable column \(column): \(error)") }
    }

    func int64(_ column: String) throws -> Int64 {
        do { return try row[column].decode(Int64.self) } catch { throw StoreError.backend("unreadable column \(column): \(error)") }
    }

    func optionalInt64(_ column: String) throws -> Int64? {
        do { return try row[column].decode(Int64?.self) } catch { throw StoreError.backend("unreadable column \(column): \(error)") }
    }

    func int(_ column: String) throws -> Int { Int(try int64(column)) }

    func bool(_ column: String) throws -> Bool {
        do { return try row[column].decode(Bool.self) } catch { throw StoreError.backend("unreadable column \(column): \(error)") }
    }

    func bytes(_ column: String) throws -> [UInt8] {
        do { return Array(try row[column].decode(ByteBuffer.self).readableBytesView) } catch { throw StoreError.backend("unreadable column \(column): \(error)") }
    }

    /// A value `make` parses from the text column, or a `backend` error naming the column.
    func parse<T>(_ column: String, _ make: (String) -> T?) throws -> T {
        let text = try text(column)
        guard let value = make(text) else { throw StoreError.backend("corrupt \(column) in the database: \(text)") }
        return value
    }

    /// An optional value parsed from the text column.
    func parseOptional<T>(_ column: String, _ make: (String) -> T?) throws -> T? {
        guard let text = try optionalText(column) else { return nil }
        guard let value = make(text) else { throw StoreError.backend("corrupt \(column) in the database: \(text)") }
        return value
    }
}

extension PostgresConnection {
    /// Runs `statement` and collects its rows.
    func rows(_ statement: SQLStatement, logger: Logger) async throws -> [ResultRow] {
        var rows: [ResultRow] = []
        for try await row in try await query(statement.query, logger: logger) { rows.append(ResultRow(row)) }
        return rows
    }

    /// Runs `statement` and returns its first row, if any.
    func firstRow(_ statement: SQLStatement, logger: Logger) async throws -> ResultRow? {
        try await rows(statement, logger: logger).first
    }

    /// Runs `statement`, discarding any rows.
    func run(_ statement: SQLStatement, logger: Logger) async throws {
        for try await _ in try await query(statement.query, logger: logger) {}
    }

    /// Runs fixed SQL (no values).
    func run(_ sql: String, logger: Logger) async throws {
        try await run(SQLStatement(sql), logger: logger)
    }
}
