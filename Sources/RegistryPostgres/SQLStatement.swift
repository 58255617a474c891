import PostgresNIO

/// A statement assembled from fixed SQL fragments and bound values: values only ever travel as
/// parameters (`$1`, `$2`…), never inside the SQL text.
struct SQLStatement: Sendable {
    private(set) var sql: String
    private(set) var bindings = PostgresBindings()

    init(_ sql: String = "") { self.sql = sql }

    /// Appends fixed SQL.
    mutating func append(_ fragment: String) { sql += fragment }

    /// Binds `value` and returns its placeholder.
    mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Binds an optional value (NULL when nil) and returns its placeholder.
    mutating func bind(_ value: (some PostgresDynamicTypeEncodable)?) -> String {
        bindings.append(value)
        return "$\(bindings.count)"
    }

    /// Binds NULL (of no particular type) and returns its placeholder.
    mutating func bindNull() -> String {
        bindings.appendNull()
        return "$\(bindings.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: bindings) }
}
