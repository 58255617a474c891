import PostgresNIO

/// A value of a row to write.
enum FieldValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    case boolean(Bool)
    case bytes([UInt8])
    case null

    init(_ text: String?) { self = text.map(FieldValue.text) ?? .null }
    init(_ number: Int64?) { self = number.map(FieldValue.integer) ?? .null }
    init(_ number: Int) { self = .integer(Int64(number)) }
}

/// Rows for one table: written row by row with `COPY … FROM STDIN` (bulk imports) or as one multi-row
/// `INSERT` with bound values (a single registration, all of its tables in one statement).
struct RowSet: Sendable {
    let table: String
    let columns: [String]
    var rows: [[FieldValue]] = []

    init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
    }

    mutating func append(_ row: [FieldValue]) {
        precondition(row.count == columns.count, "\(table): \(row.count) values for \(columns.count) columns")
        rows.append(row)
    }

    // MARK: COPY

    /// Streams the rows in COPY's text format (tab-separated, `\N` for NULL, backslash escapes).
    func copy(_ connection: PostgresConnection, logger: Logger) async throws {
        guard !rows.isEmpty else { return }
        try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
            var buffer = ByteBuffer()
            buffer.reserveCapacity(1 << 20)
            for row in rows {
                for (index, value) in row.enumerated() {
                    if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                    Self.writeCopyField(value, into: &buffer)
                }
                buffer.writeInteger(UInt8(ascii: "\n"))
                if buffer.readableBytes >= 1 << 20 {
                    try await writer.write(buffer)
                    buffer.clear()
                }
            }
            if buffer.readableBytes > 0 { try await writer.write(buffer) }
        }
    }

    static func writeCopyField(_ value: FieldValue, into buffer: inout ByteBuffer) {
        switch value {
        case .null: buffer.writeStaticString("\\N")
        case .integer(let number): buffer.writeString(String(number))
        case .boolean(let flag): buffer.writeStaticString(flag ? "t" : "f")
        case .bytes(let bytes):
            // bytea in hex form, its backslash escaped for COPY's text format.
            buffer.writeStaticString("\\\\x")
            let digits = Array("0123456789abcdef".utf8)
            for byte in bytes {
                buffer.writeInteger(digits[Int(byte >> 4)])
                buffer.writeInteger(digits[Int(byte & 0x0F)])
            }
        case .text(let text):
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    // MARK: INSERT

    /// `INSERT INTO table (columns) VALUES (…), (…)` with every value bound into `statement`; nil when empty.
    func insertSQL(binding statement: inout SQLStatement) -> String? {
        guard !rows.isEmpty else { return nil }
        let values = rows.map { row in "(" + row.map { statement.bind(field: $0) }.joined(separator: ", ") + ")" }
        return "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES " + values.joined(separator: ", ")
    }

    /// One statement writing every set (data-modifying CTEs: one round trip for a whole dossier; foreign keys
    /// are checked at the end of the statement).
    static func insertAll(_ sets: [RowSet]) -> SQLStatement? {
        var statement = SQLStatement()
        let inserts = sets.compactMap { $0.insertSQL(binding: &statement) }
        guard let last = inserts.last else { return nil }
        let ctes = inserts.dropLast().enumerated().map { "w\($0.offset) AS (\($0.element))" }
        statement.append((ctes.isEmpty ? "" : "WITH " + ctes.joined(separator: ", ") + " ") + last)
        return statement
    }
}

extension SQLStatement {
    /// Binds a field value (an untyped NULL, so the server infers the column's type).
    mutating func bind(field: FieldValue) -> String {
        switch field {
        case .text(let text): return bind(text)
        case .integer(let number): return bind(number)
        case .boolean(let flag): return bind(flag)
        case .bytes(let bytes): return bind(ByteBuffer(bytes: bytes))
        case .null: return bindNull()
        }
    }
}
