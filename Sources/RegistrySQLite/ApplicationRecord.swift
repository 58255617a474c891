import Foundation
import GRDB
import RegistryCore
import RegistryStore

/// Rows of `applications`, `application_versions` and `application_reviews`, mapped to `Application`. The
/// form of each version is kept as JSON; the columns people query (state, name, type, authority…) are columns.
enum ApplicationRecord {
    static func encode(_ value: some Encodable) throws -> String { try StoredJSON.encode(value) }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try StoredJSON.decode(type, text) }

    /// The next application number: `SQ`, the day of receipt and a registry-wide sequence.
    static func nextNumber(_ db: Database, receivedOn day: CalendarDate) throws -> String {
        let value = try Int.fetchOne(try db.cachedStatement(sql: "UPDATE counters SET next_value = next_value + 1 WHERE name = 'application' RETURNING next_value - 1")) ?? 1
        let digits = String(value)
        return "SQ" + day.description.filter { $0 != "-" } + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    static func insert(_ db: Database, _ application: Application) throws {
        try db.cachedStatement(sql: """
            INSERT INTO applications (number, kind, state, version, name, type, authority, reservation_id, accepted_by,
                received_at, submitted_at, deadline, completed_at, code, deadline_extension)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [application.number, application.kind.rawValue] + (try columns(application)))
        try insertVersion(db, application)
    }

    /// The mutable columns, in `insert`'s order after `kind`.
    static func columns(_ application: Application) throws -> StatementArguments {
        let request = application.request
        return [application.state.rawValue, application.version, request.name, request.type.rawValue, request.authority.description,
                request.reservationID, application.acceptedBy, application.receivedAt.description, application.submittedAt.description,
                application.deadline.description, application.completedAt?.description, application.code?.rawValue,
                try application.deadlineExtension.map { try encode($0) }]
    }

    static func update(_ db: Database, _ application: Application) throws {
        try db.cachedStatement(sql: """
            UPDATE applications SET state = ?, version = ?, name = ?, type = ?, authority = ?, reservation_id = ?, accepted_by = ?,
                received_at = ?, submitted_at = ?, deadline = ?, completed_at = ?, code = ?, deadline_extension = ?
            WHERE number = ?
            """).execute(arguments: (try columns(application)) + [application.number])
    }

    static func insertVersion(_ db: Database, _ application: Application) throws {
        try db.cachedStatement(sql: "INSERT INTO application_versions (number, version, form, submitted_at) VALUES (?, ?, ?, ?)")
            .execute(arguments: [application.number, application.version, try encode(application.request), application.submittedAt.description])
    }

    static func insertReview(_ db: Database, number: String, _ review: Application.Review) throws {
        try db.cachedStatement(sql: """
            INSERT INTO application_reviews (number, version, department, decision, reasons, reviewer, at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
                .execute(arguments: [number, review.version, review.department.rawValue, review.decision.rawValue, StoredJSON.encode(review.reasons),
                             review.reviewer, review.at.description])
    }

    static func fetch(_ db: Database, number: String, forms: FormCache) throws -> Application? {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(selected) FROM applications WHERE number = ?"), arguments: [number]) else { return nil }
        return try application(db, row, forms: forms)
    }

    static func list(_ db: Database, state: Application.State?, after: String?, limit: Int, forms: FormCache) throws -> [Application] {
        let rows = try Row.fetchAll(try db.cachedStatement(sql: """
            SELECT \(selected) FROM applications WHERE (?1 IS NULL OR state = ?1) AND number > ?2 ORDER BY number LIMIT ?3
            """), arguments: [state?.rawValue, after ?? "", limit])
        return try rows.map { try application(db, $0, forms: forms) }
    }

    /// The columns `application(_:_:forms:)` reads, in the order it reads them by position (column names cost a
    /// case-insensitive lookup per value, and applications are read on every review).
    static let selected = "number, version, submitted_at, completed_at, code, state, accepted_by, received_at, deadline, deadline_extension"

    /// The application of a row of `selected` columns, with its form (cached per version) and reviews.
    static func application(_ db: Database, _ row: Row, forms: FormCache) throws -> Application {
        let number: String = row[0]
        let version: Int = row[1]
        let submittedAt: String = row[2]
        let form = try forms.form(number: number, version: version, submittedAt: submittedAt) {
            guard let formText = try String.fetchOne(try db.cachedStatement(sql: "SELECT form FROM application_versions WHERE number = ? AND version = ?"),
                                                     arguments: [number, version]) else {
                throw StoreError.backend("application \(number) has no form version \(version)")
            }
            return try decode(ApplicationRequest.self, formText)
        }
        let reviews = try Row.fetchAll(try db.cachedStatement(sql: """
            SELECT version, department, decision, reasons, reviewer, at FROM application_reviews WHERE number = ? ORDER BY id
            """), arguments: [number]).map { review in
            Application.Review(
                department: try parse(Department(rawValue: review[1]), "department"),
                decision: try parse(Application.Review.Decision(rawValue: review[2]), "decision"),
                reasons: try reasons(review[3]), reviewer: review[4],
                at: try parse(Instant(iso: review[5]), "at"), version: review[0])
        }
        let completedAt: String? = row[3]
        let code: String? = row[4]
        let extended: String? = row[9]
        return Application(
            number: number, request: form, version: version,
            state: try parse(Application.State(rawValue: row[5]), "state"), acceptedBy: row[6],
            receivedAt: try parse(Instant(iso: row[7]), "received_at"),
            submittedAt: try parse(Instant(iso: submittedAt), "submitted_at"),
            deadline: try parse(CalendarDate(iso: row[8] as String), "deadline"), reviews: reviews,
            completedAt: try completedAt.map { try parse(Instant(iso: $0), "completed_at") },
            code: try code.map { try CreditCode(validating: $0) },
            deadlineExtension: try extended.map { try decode(DeadlineExtension.self, $0) })
    }

    /// Return reasons from their JSON array (approvals have none: no decoder needed).
    static func reasons(_ text: String) throws -> [String] {
        text == "[]" ? [] : try decode([String].self, text)
    }

    static func parse<T>(_ value: T?, _ column: String) throws -> T {
        guard let value else { throw StoreError.backend("unreadable application column \(column)") }
        return value
    }
}
