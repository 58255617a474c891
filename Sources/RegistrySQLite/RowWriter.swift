import GRDB
import GRDBSQLite

/// Binds values straight onto a cached prepared statement and runs it: the bulk-load path, where
/// GRDB's per-call argument arrays and existential boxing cost more than SQLite's own work.
/// Every value is still a bound parameter.
struct RowWriter {
    private let handle: SQLiteStatement
    private let db: Database
    private var index: Int32 = 0

    /// Prepares (or reuses) `sql` on `db`.
    init(_ db: Database, sql: String) throws {
        self.db = db
        self.handle = try db.cachedStatement(sql: sql).sqliteStatement
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds the next parameter.
    mutating func bind(_ value: String) {
        index += 1
        var text = value
        let position = index
        let statement = handle
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                // An empty buffer may have no base address; bind an empty string then.
                if let base = characters.baseAddress {
                    _ = sqlite3_bind_text(statement, position, base, Int32(characters.count), Self.transient)
                } else {
                    _ = sqlite3_bind_text(statement, position, "", 0, Self.transient)
                }
            }
        }
    }

    mutating func bind(_ value: String?) {
        if let value { bind(value) } else { index += 1; sqlite3_bind_null(handle, index) }
    }

    mutating func bind(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(handle, index, value)
    }

    mutating func bind(_ value: Int64?) {
        if let value { bind(value) } else { index += 1; sqlite3_bind_null(handle, index) }
    }

    mutating func bind(_ value: ColumnValue) {
        switch value {
        case .text(let text): bind(text)
        case .integer(let number): bind(number)
        case .null: index += 1; sqlite3_bind_null(handle, index)
        }
    }

    /// Binds `values` in order and runs the statement.
    mutating func run(_ values: [ColumnValue]) throws {
        for value in values { bind(value) }
        try run()
    }

    /// Runs the statement with the bound values, then clears them for the next row.
    mutating func run() throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            index = 0
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                sql: String(cString: sqlite3_sql(handle)))
        }
    }
}
