import Foundation
import PostgresNIO
import RegistryCore
import RegistryStore

/// Rows of `applications`, `application_versions` and `application_reviews`, mapped to `Application` (the
/// same JSON form text as the SQLite backend, so data moves between them unchanged).
enum PostgresApplicationRecord {
    static func encode(_ value: some Encodable) throws -> String { try StoredJSON.encode(value) }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T { try StoredJSON.decode(type, text) }

    /// The next application number: `SQ`, the day of receipt and a registry-wide sequence.
    static func nextNumber(_ connection: PostgresConnection, receivedOn day: CalendarDate, logger: Logger) async throws -> String {
        let value = try await connection.firstRow(SQLStatement("SELECT nextval('application_numbers') AS n"), logger: logger)?.int("n") ?? 1
        let digits = String(value)
        return "SQ" + day.description.filter { $0 != "-" } + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    static let mutableColumns = ["state", "version", "name", "type", "authority", "reservation_id", "accepted_by", "received_at", "submitted_at",
                                 "deadline", "completed_at", "code", "deadline_extension"]

    static func values(_ application: Application) throws -> [FieldValue] {
        let request = application.request
        return [.text(application.state.rawValue), FieldValue(application.version), .text(request.name), .text(request.type.rawValue),
                .text(request.authority.description), FieldValue(request.reservationID), .text(application.acceptedBy),
                .text(application.receivedAt.description), .text(application.submittedAt.description), .text(application.deadline.description),
                FieldValue(application.completedAt?.description), FieldValue(application.code?.rawValue),
                FieldValue(try application.deadlineExtension.map { try encode($0) })]
    }

    /// Inserts a new application and its first form version with the transaction's last writes.
    static func insert(_ journal: PostgresJournal, _ application: Application) throws {
        var row = RowSet("applications", ["number", "kind"] + mutableColumns)
        row.append([.text(application.number), .text(application.kind.rawValue)] + (try values(application)))
        journal.insert(row)
        journal.insert(try versionRow(application))
    }

    /// Updates the application's row with the transaction's last writes.
    static func update(_ journal: PostgresJournal, _ application: Application) throws {
        let values = try values(application)
        let number = application.number
        journal.update { s in
            "UPDATE applications SET " + zip(mutableColumns, values).map { "\($0.0) = \(s.bind(field: $0.1))" }.joined(separator: ", ")
                + " WHERE number = " + s.bind(number)
        }
    }

    static func versionRow(_ application: Application) throws -> RowSet {
        var row = RowSet("application_versions", ["number", "version", "form", "submitted_at"])
        row.append([.text(application.number), FieldValue(application.version), .text(try encode(application.request)),
                    .text(application.submittedAt.description)])
        return row
    }

    static func insertVersion(_ journal: PostgresJournal, _ application: Application) throws {
        journal.insert(try versionRow(application))
    }

    static func insertReview(_ journal: PostgresJournal, number: String, _ review: Application.Review) throws {
        var row = RowSet("application_reviews", ["number", "version", "department", "decision", "reasons", "reviewer", "at"])
        row.append([.text(number), FieldValue(review.version), .text(review.department.rawValue), .text(review.decision.rawValue),
                    .text(StoredJSON.encode(review.reasons)), .text(review.reviewer), .text(review.at.description)])
        journal.insert(row)
    }

    /// An application with its current form and every review, in one statement.
    static let selectApplications = """
        SELECT a.*, v.form, (SELECT coalesce(json_agg(json_build_object('version', r.version, 'department', r.department, 'decision', r.decision,
                                 'reasons', r.reasons, 'reviewer', r.reviewer, 'at', r.at) ORDER BY r.id), '[]')::text
                             FROM application_reviews r WHERE r.number = a.number) AS reviews
        FROM applications a JOIN application_versions v ON v.number = a.number AND v.version = a.version
        """

    /// The application `number`; `lock` first locks its row until the transaction ends (a statement of its own: a
    /// statement's snapshot is taken before it waits for a lock, so the reviews must be read by the next one).
    static func fetch(_ connection: PostgresConnection, number: String, forms: FormCache, logger: Logger, lock: Bool = false) async throws -> Application? {
        if lock {
            var lock = SQLStatement("SELECT number FROM applications WHERE number = ")
            lock.append(lock.bind(number) + " FOR UPDATE")
            guard try await connection.firstRow(lock, logger: logger) != nil else { return nil }
        }
        return try await connection.rows(prepared: ApplicationByNumber(number: number), logger: logger).first.map { try application($0, forms: forms) }
    }

    static func list(_ connection: PostgresConnection, state: Application.State?, after: String?, limit: Int, forms: FormCache,
                     logger: Logger) async throws -> [Application] {
        var s = SQLStatement(selectApplications + " WHERE a.number > ")
        s.append(s.bind(after ?? ""))
        if let state { s.append(" AND a.state = " + s.bind(state.rawValue)) }
        s.append(" ORDER BY a.number LIMIT " + s.bind(Int64(limit)))
        return try await connection.rows(s, logger: logger).map { try application($0, forms: forms) }
    }

    /// A review as `selectApplications` aggregates it.
    struct ReviewRow: Decodable {
        let version: Int
        let department: String
        let decision: String
        let reasons: String
        let reviewer: String
        let at: String
    }

    static func application(_ row: ResultRow, forms: FormCache) throws -> Application {
        let number = try row.text("number")
        let version = try row.int("version")
        let form = try forms.form(number: number, version: version, submittedAt: try row.text("submitted_at")) {
            try decode(ApplicationRequest.self, try row.text("form"))
        }
        let reviewList = try decode([ReviewRow].self, try row.text("reviews")).map { review in
            guard let department = Department(rawValue: review.department), let decision = Application.Review.Decision(rawValue: review.decision),
                  let at = Instant(iso: review.at) else { throw StoreError.backend("unreadable review of application \(number)") }
            return Application.Review(department: department, decision: decision, reasons: try reasons(review.reasons), reviewer: review.reviewer,
                                      at: at, version: review.version)
        }
        return Application(
            number: number, request: form, version: version,
            state: try row.parse("state", Application.State.init(rawValue:)), acceptedBy: try row.text("accepted_by"),
            receivedAt: try row.parse("received_at", Instant.init(iso:)), submittedAt: try row.parse("submitted_at", Instant.init(iso:)),
            deadline: try row.parse("deadline", CalendarDate.init(iso:)), reviews: reviewList,
            completedAt: try row.parseOptional("completed_at", Instant.init(iso:)),
            code: try row.parseOptional("code") { try? CreditCode(validating: $0) },
            deadlineExtension: try row.optionalText("deadline_extension").map { try decode(DeadlineExtension.self, $0) })
    }

    /// Return reasons from their JSON array.
    static func reasons(_ text: String) throws -> [String] {
        text == "[]" ? [] : try decode([String].self, text)
    }
}
