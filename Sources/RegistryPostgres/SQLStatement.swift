import PostgresNIO

/// A statement assembled from fixed SQL fragments and bound values: values only ever travel as
/// parameters (`$1`, `$2`…), never inside the SQL text.
struct SQLStatement: Sendable {
    private(set) var sql: String
    private(set) var bindings = PostgresBindings()
    /// Whether every placeholder carries its value's type as a cast (`$3::BIGINT`), as a statement prepared without
    /// parameter types needs (`PreparedShapes`). False when the statement is not built for it, or bound a
    /// value of no known SQL type.
    private(set) var typedPlaceholders = false

    init(_ sql: String = "") { self.sql = sql }

    /// A statement whose text depends only on its shape, to be run as a named prepared statement
    /// (`PreparedShapes`).
    static func preparable() -> SQLStatement {
        var statement = SQLStatement()
        statement.typedPlaceholders = true
        return statement
    }

    /// Appends fixed SQL.
    mutating func append(_ fragment: String) { sql += fragment }

    /// Binds `value` and returns its placeholder.
    mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        bindings.append(value)
        return "$\(bindings.count)" + cast(value)
    }

    /// Binds an optional value (NULL when nil) and returns its placeholder.
    mutating func bind(_ value: (some PostgresDynamicTypeEncodable)?) -> String {
        bindings.append(value)
        guard let value else {
            typedPlaceholders = false
            return "$\(bindings.count)"
        }
        return "$\(bindings.count)" + cast(value)
    }

    /// Binds NULL (of no particular type) and returns its placeholder.
    mutating func bindNull() -> String {
        bindings.appendNull()
        typedPlaceholders = false
        return "$\(bindings.count)"
    }

    /// For a preparable statement, the cast naming `value`'s type; otherwise "".
    private mutating func cast(_ value: some PostgresDynamicTypeEncodable) -> String {
        guard typedPlaceholders else { return "" }
        guard let name = value.psqlType.knownSQLName else {
            typedPlaceholders = false
            return ""
        }
        return "::" + name
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
