import NIOConcurrencyHelpers
import PostgresNIO

/// Named prepared statements for statements whose SQL is built at run time but takes few shapes (the search page:
/// its tiers, filters and cursor decide the text, the query only the values). Each connection prepares a shape once
/// and then only binds and runs it, so the server plans it once per connection instead of on every search (planning
/// the page statement took 0.5–1.0 ms, more than running it).
///
/// postgres-nio names a prepared statement by its type (`PostgresPreparedStatement.sql` is static), so each shape
/// gets a slot, and each slot a type of its own (`ShapeStatement<Slot>`, its slot number spelled in `Zero`/`One`
/// generic wrappers). A slot keeps its SQL for the life of the process, since connections that prepared it keep it.
/// At most `capacity` shapes get slots; past that, and for a statement not built with `SQLStatement.preparable()`, the
/// statement runs unnamed as before.
enum PreparedShapes {
    /// Slot numbers have `bits` binary digits.
    static let bits = 8
    static var capacity: Int { 1 << bits }
    /// Every slot's SQL, for the whole process: a statement's name comes from its type, and every store's connections
    /// must find the same SQL under it.
    private static let slots = NIOLockedValueBox<(bySQL: [String: Int], sql: [String])>(([:], []))

    /// The SQL of slot `index`.
    static func sql(_ index: Int) -> String { slots.withLockedValue { $0.sql[index] } }

    /// The slot of `sql`, assigned on first use; nil when every slot is taken.
    static func slot(for sql: String) -> Int? {
        slots.withLockedValue { slots in
            if let index = slots.bySQL[sql] { return index }
            guard slots.sql.count < capacity else { return nil }
            slots.bySQL[sql] = slots.sql.count
            slots.sql.append(sql)
            return slots.sql.count - 1
        }
    }

    /// Runs `statement` on `connection`, prepared when it can be, and collects its rows.
    static func rows(_ statement: SQLStatement, on connection: PostgresConnection, logger: Logger) async throws -> [ResultRow] {
        guard statement.typedPlaceholders, let index = Self.slot(for: statement.sql) else {
            return try await connection.rows(statement, logger: logger)
        }
        let run = RunShape(connection: connection, logger: logger, bindings: statement.bindings)
        return try await dispatch(Root.self, index: index, digits: bits, run)
    }

    /// Builds the slot type of `index` one binary digit at a time, highest first (innermost), then runs the statement
    /// of that type.
    private static func dispatch<S: ShapeSlot>(_ slot: S.Type, index: Int, digits: Int, _ run: RunShape) async throws -> [ResultRow] {
        if digits == 0 { return try await run.run(S.self) }
        return (index >> (digits - 1)) & 1 == 0
            ? try await dispatch(Zero<S>.self, index: index, digits: digits - 1, run)
            : try await dispatch(One<S>.self, index: index, digits: digits - 1, run)
    }

    struct RunShape {
        let connection: PostgresConnection
        let logger: Logger
        let bindings: PostgresBindings

        func run<S: ShapeSlot>(_ slot: S.Type) async throws -> [ResultRow] {
            try await connection.rows(prepared: ShapeStatement<S>(bindings: bindings), logger: logger)
        }
    }
}

/// A slot number as a type: `Root`, wrapped once per binary digit, the lowest digit outermost.
protocol ShapeSlot { static var index: Int { get } }
enum Root: ShapeSlot { static var index: Int { 0 } }
enum Zero<Inner: ShapeSlot>: ShapeSlot { static var index: Int { Inner.index * 2 } }
enum One<Inner: ShapeSlot>: ShapeSlot { static var index: Int { Inner.index * 2 + 1 } }

/// The prepared statement of one slot. Its placeholders carry their types as casts, since postgres-nio parses a
/// prepared statement without parameter types.
struct ShapeStatement<Slot: ShapeSlot>: PreparedQuery {
    static var name: String { "yizhao.shape.\(Slot.index)" }
    static var sql: String { PreparedShapes.sql(Slot.index) }
    let bindings: PostgresBindings
}
