import Foundation
import PostgresNIO
import RegistryCore
import RegistryStore

/// Rows of `applications`, `application_versions` and `application_reviews`, mapped to `Application` (the
/// same JSON form text as the SQLite backend, so data moves between them unchanged).
enum PostgresApplicationRecord {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }

    /// The next application number: `SQ`, the day of receipt and a registry-wide sequence.
    static func nextNumber(_ connection: PostgresConnection, receivedOn day: CalendarDate, logger: Logger) async throws -> String {
        let value = try await connection.firstRow(SQLStatement("SELECT nextval('application_numbers') AS n"), logger: logger)?.int("n") ?? 1
        let digits = String(value)
        return "SQ" + day.description.filter { $0 != "-" } + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    static let mutableColumns = ["state", "version", "name", "type", "authority", "reservation_id", "accepted_by", "received_at", "submitted_at",
                                 "deadline", "completed_at", "code"]

    static func values(_ application: Application) -> [FieldValue] {
        let request = application.request
        return [.text(application.state.rawValue), FieldValue(application.version), .text(request.name), .text(request.type.rawValue),
                .text(request.authority.description), FieldValue(request.reservationID), .text(application.acceptedBy),
                .text(application.receivedAt.description), .text(application.submittedAt.description), .text(application.deadline.description),
                FieldValue(application.completedAt?.description), FieldValue(application.code?.rawValue)]
    }

    static func insert(_ connection: PostgresConnection, _ application: Application, logger: Logger) async throws {
        var row = RowSet("applications", ["number", "kind"] + mutableColumns)
        row.append([.text(application.number), .text(application.kind.rawValue)] + values(application))
        if let insert = RowSet.insertAll([row, try versionRow(application)]) { try await connection.run(insert, logger: logger) }
    }

    static func update(_ connection: PostgresConnection, _ application: Application, logger: Logger) async throws {
        var s = SQLStatement("UPDATE applications SET ")
        s.append(zip(mutableColumns, values(application)).map { "\($0.0) = \(s.bind(field: $0.1))" }.joined(separator: ", "))
        s.append(" WHERE number = " + s.bind(application.number))
        try await connection.run(s, logger: logger)
    }

    static func versionRow(_ application: Application) throws -> RowSet {
        var row = RowSet("application_versions", ["number", "version", "form", "submitted_at"])
        row.append([.text(application.number), FieldValue(application.version), .text(try encode(application.request)),
                    .text(application.submittedAt.description)])
        return row
    }

    static func insertVersion(_ connection: PostgresConnection, _ application: Application, logger: Logger) async throws {
        if let insert = RowSet.insertAll([try versionRow(application)]) { try await connection.run(insert, logger: logger) }
    }

    static func insertReview(_ connection: PostgresConnection, number: String, _ review: Application.Review, logger: Logger) async throws {
        var row = RowSet("application_reviews", ["number", "version", "department", "decision", "reasons", "reviewer", "at"])
        row.append([.text(number), FieldValue(review.version), .text(review.department.rawValue), .text(review.decision.rawValue),
                    .text(try encode(review.reasons)), .text(review.reviewer), .text(review.at.description)])
        if let insert = RowSet.insertAll([row]) { try await connection.run(insert, logger: logger) }
    }

    static func fetch(_ connection: PostgresConnection, number: String, logger: Logger, lock: Bool = false) async throws -> Application? {
        var s = SQLStatement("SELECT * FROM applications WHERE number = ")
        s.append(s.bind(number) + (lock ? " FOR UPDATE" : ""))
        guard let row = try await connection.firstRow(s, logger: logger) else { return nil }
        return try await application(connection, row, logger: logger)
    }

    static func list(_ connection: PostgresConnection, state: Application.State?, after: String?, limit: Int, logger: Logger) async throws -> [Application] {
        var s = SQLStatement("SELECT * FROM applications WHERE number > ")
        s.append(s.bind(after ?? ""))
        if let state { s.append(" AND state = " + s.bind(state.rawValue)) }
        s.append(" ORDER BY number LIMIT " + s.bind(Int64(limit)))
        var applications: [Application] = []
        for row in try await connection.rows(s, logger: logger) { applications.append(try await application(connection, row, logger: logger)) }
        return applications
    }

    static func application(_ connection: PostgresConnection, _ row: ResultRow, logger: Logger) async throws -> Application {
        let number = try row.text("number")
        let version = try row.int("version")
        var form = SQLStatement("SELECT form FROM application_versions WHERE number = ")
        form.append(form.bind(number) + " AND version = " + form.bind(Int64(version)))
        guard let formText = try await connection.firstRow(form, logger: logger)?.text("form") else {
            throw StoreError.backend("application \(number) has no form version \(version)")
        }
        var reviews = SQLStatement("SELECT version, department, decision, reasons, reviewer, at FROM application_reviews WHERE number = ")
        reviews.append(reviews.bind(number) + " ORDER BY id")
        let reviewList = try await connection.rows(reviews, logger: logger).map { review in
            Application.Review(
                department: try review.parse("department", Department.init(rawValue:)),
                decision: try review.parse("decision", Application.Review.Decision.init(rawValue:)),
                reasons: try reasons(try review.text("reasons")), reviewer: try review.text("reviewer"),
                at: try review.parse("at", Instant.init(iso:)), version: try review.int("version"))
        }
        return Application(
            number: number, request: try decode(ApplicationRequest.self, formText), version: version,
            state: try row.parse("state", Application.State.init(rawValue:)), acceptedBy: try row.text("accepted_by"),
            receivedAt: try row.parse("received_at", Instant.init(iso:)), submittedAt: try row.parse("submitted_at", Instant.init(iso:)),
            deadline: try row.parse("deadline", CalendarDate.init(iso:)), reviews: reviewList,
            completedAt: try row.parseOptional("completed_at", Instant.init(iso:)),
            code: try row.parseOptional("code") { try? CreditCode(validating: $0) })
    }

    /// Return reasons from their JSON array.
    static func reasons(_ text: String) throws -> [String] {
        text == "[]" ? [] : try decode([String].self, text)
    }
}
