import Foundation
import PostgresNIO
import RegistryCore
import RegistryStore

extension PostgresRegistryStore {
    public func submitApplication(_ new: NewApplication, actor: Actor,
                                  idempotency: Idempotent<Application>?) async throws(StoreError) -> Replayable<Application> {
        try await idempotentWrite(idempotency, at: new.receivedAt) { connection, journal, logger in
            let application = Application(
                number: try await PostgresApplicationRecord.nextNumber(connection, receivedOn: new.receivedAt.chinaDay, logger: logger),
                request: new.request, version: 1, state: .underReview, acceptedBy: new.acceptedBy, receivedAt: new.receivedAt,
                submittedAt: new.receivedAt, deadline: new.deadline, reviews: [], completedAt: nil, code: nil)
            try PostgresApplicationRecord.insert(journal, application)
            journal.audit(actor, action: "application.accept.\(new.request.kind.rawValue)", target: application.number, at: new.receivedAt)
            return application
        }
    }

    public func recordedReply(_ key: IdempotencyKey) async throws(StoreError) -> RecordedReply? {
        try await read { connection, logger in try await PostgresJournal.replay(connection, key, logger: logger) }
    }

    public func application(number: String) async throws(StoreError) -> Application? {
        try await transaction(.repeatableRead) { connection, logger in
            try await PostgresApplicationRecord.fetch(connection, number: number, forms: self.forms, logger: logger)
        }
    }

    public func applications(state: Application.State?, after: String?, limit: Int) async throws(StoreError) -> [Application] {
        try await transaction(.repeatableRead) { connection, logger in
            try await PostgresApplicationRecord.list(connection, state: state, after: after, limit: limit, forms: self.forms, logger: logger)
        }
    }

    /// Records a review; the last approval completes the application in the same transaction. The application's
    /// row is locked, so reviewers of one application queue on it; completions of different applications run side
    /// by side, except that a name re-check first takes the name's locks (`PostgresNameLocks`).
    public func reviewApplication(number: String, review: Application.Review, actor: Actor,
                                  plan: @escaping @Sendable (Application) -> CompletionPlan,
                                  idempotency: Idempotent<Application>?) async throws(StoreError) -> Replayable<Application> {
        let before = faultHook
        return try await idempotentWrite(idempotency, at: review.at) { connection, journal, logger in
            guard var application = try await PostgresApplicationRecord.fetch(connection, number: number, forms: self.forms, logger: logger, lock: true) else {
                throw StoreError.applicationNotFound(number)
            }
            do throws(ApplicationError) { try application.record(review) } catch { throw StoreError.application(error) }
            try before(.review)
            try PostgresApplicationRecord.insertReview(journal, number: number, review)
            journal.audit(actor, action: "application.\(review.decision.rawValue).\(review.department.rawValue)", target: number, at: review.at)
            if application.isFullyApproved {
                try await Self.complete(connection, journal, &application, plan: plan(application), actor: actor, at: review.at, logger: logger,
                                        before: before)
            }
            try PostgresApplicationRecord.update(journal, application)
            return application
        }
    }

    /// The completing writes (统一发照、统一赋码, or the change or deregistration), as in the SQLite backend.
    static func complete(_ connection: PostgresConnection, _ journal: PostgresJournal, _ application: inout Application, plan: CompletionPlan,
                         actor: Actor, at instant: Instant, logger: Logger, before: (CompletionStep) throws -> Void) async throws {
        if let recheck = plan.nameCheck {
            try await PostgresNameLocks.lock(connection, recheck.query, logger: logger)
            let check = recheck.decide(try await PostgresNameCandidates.candidates(connection, recheck.query, logger: logger))
            if let reasons = CompletionPlan.recheckReturnReasons(check) {
                application.returnAtCompletion(reasons: reasons, at: instant)
                try PostgresApplicationRecord.insertReview(journal, number: application.number, application.reviews[application.reviews.count - 1])
                journal.audit(actor, action: "application.return.name-recheck", target: application.number, at: instant)
                return
            }
        }
        let code: CreditCode, change: String, old: EntityDossier?, new: EntityDossier
        switch application.request {
        case .establishment:
            guard let draft = plan.draft else { throw StoreError.backend("an establishment's plan has no draft") }
            new = try await registerEntity(connection, draft, journal: journal, logger: logger, before: before)
            (code, change, old) = (new.entity.code, "registered", nil)
        case .change(let form):
            let dossier = try await PostgresDossierReader.load(connection, form.code, logger: logger, lock: true).dossier
            old = dossier
            try CompletionGuard.change(on: dossier.entity)
            try before(.entity)
            try await PostgresEntityChanges.apply(connection, form, parts: plan.newNameParts, on: plan.day, logger: logger)
            (code, change, new) = (form.code, "changed", try await PostgresDossierReader.load(connection, form.code, logger: logger).dossier)
        case .deregistration(let form):
            let (id, dossier) = try await PostgresDossierReader.load(connection, form.code, logger: logger, lock: true)
            old = dossier
            try CompletionGuard.deregistration(form, on: dossier.entity,
                                               standing: try await PostgresNoticeRecord.standing(connection, entityID: id, logger: logger))
            try before(.entity)
            try await PostgresEntityChanges.setStatus(connection, id: id, dossier: dossier, to: .deregistered, on: plan.day, logger: logger)
            (code, change, new) = (form.code, "deregistered", try await PostgresDossierReader.load(connection, form.code, logger: logger).dossier)
        case .statusFiling(let filing):
            let (id, dossier) = try await PostgresDossierReader.load(connection, filing.code, logger: logger, lock: true)
            old = dossier
            try before(.entity)
            let label = try await PostgresEntityChanges.file(connection, id: id, dossier: dossier, filing, on: plan.day, logger: logger)
            (code, change, new) = (filing.code, label, try await PostgresDossierReader.load(connection, filing.code, logger: logger).dossier)
        }
        if let reservation = application.request.reservationID {
            try before(.reservation)
            let day = instant.chinaDay.description
            journal.update { s in
                "UPDATE name_reservations SET state = 'consumed', state_changed_on = \(s.bind(day)) WHERE id = \(s.bind(reservation)) AND state IN ('active', 'expired')"
            }
        }
        try before(.audit)
        journal.audit(actor, action: "registration.\(application.kind.rawValue)", target: code.rawValue, at: instant)
        try before(.changeFeed)
        // A completion changes no register record; an existing entity's records go with both values.
        var registers = EntityRegisters.none
        if old != nil, let id = try await PostgresDossierReader.entityID(connection, code, logger: logger) {
            registers = try await PostgresDossierReader.registers(connection, entityID: id, logger: logger)
        }
        let newJSON = registers.isEmpty ? plan.feedValues(of: application, code: code, dossier: new) : try ChangeFeedJSON.encode(new, registers: registers)
        journal.change(code: code, change: change, old: try old.map { try ChangeFeedJSON.encode($0, registers: registers) }, new: newJSON, at: instant)
        try before(.application)
        do throws(ApplicationError) { try application.complete(code: code, at: instant) } catch { throw StoreError.application(error) }
    }

    public func correctApplication(number: String, request: ApplicationRequest, at instant: Instant, deadline: CalendarDate, actor: Actor,
                                   idempotency: Idempotent<Application>?) async throws(StoreError) -> Replayable<Application> {
        try await idempotentWrite(idempotency, at: instant) { connection, journal, logger in
            guard var application = try await PostgresApplicationRecord.fetch(connection, number: number, forms: self.forms, logger: logger, lock: true) else {
                throw StoreError.applicationNotFound(number)
            }
            do throws(ApplicationError) { try application.correct(with: request, at: instant, deadline: deadline) } catch { throw StoreError.application(error) }
            try PostgresApplicationRecord.insertVersion(journal, application)
            try PostgresApplicationRecord.update(journal, application)
            journal.audit(actor, action: "application.correct", target: number, at: instant)
            return application
        }
    }

    /// Committed changes after `sequence`: pending entries are numbered first, so the feed has every commit made
    /// before this call, without holes.
    public func changes(after sequence: Int64, limit: Int) async throws(StoreError) -> [ChangeRecord] {
        try await sequencePending()
        return try await read { connection, logger in
            var s = SQLStatement("SELECT * FROM change_feed WHERE sequence > ")
            s.append(s.bind(sequence) + " ORDER BY sequence LIMIT " + s.bind(Int64(limit)))
            return try await connection.rows(s, logger: logger).map { row in
                ChangeRecord(sequence: try row.int64("sequence"), at: try row.parse("at", Instant.init(iso:)),
                             code: try row.parse("code") { try? CreditCode(validating: $0) }, change: try row.text("change"),
                             oldValues: try row.optionalText("old_values"), newValues: try row.text("new_values"))
            }
        }
    }

    public func auditEntries(after sequence: Int64, limit: Int) async throws(StoreError) -> [AuditEntry] {
        try await sequencePending()
        return try await read { connection, logger in
            var s = SQLStatement("SELECT * FROM audit_log WHERE sequence > ")
            s.append(s.bind(sequence) + " ORDER BY sequence LIMIT " + s.bind(Int64(limit)))
            return try await connection.rows(s, logger: logger).map(Self.auditEntry)
        }
    }

    static func auditEntry(_ row: ResultRow) throws -> AuditEntry {
        AuditEntry(sequence: try row.int64("sequence"), at: try row.parse("at", Instant.init(iso:)), actor: try row.text("actor"),
                   role: try row.text("role"), action: try row.text("action"), target: try row.text("target"),
                   requestID: try row.optionalText("request_id"), previousHash: try row.text("previous_hash"), hash: try row.text("hash"))
    }

    public func applicationsDue(through day: CalendarDate, limit: Int) async throws(StoreError) -> [Application] {
        try await transaction(.repeatableRead) { connection, logger in
            var s = SQLStatement(PostgresApplicationRecord.selectApplications + " WHERE a.state = 'under-review' AND a.deadline <= ")
            s.append(s.bind(day.description) + " ORDER BY a.deadline, a.number LIMIT " + s.bind(Int64(limit)))
            return try await connection.rows(s, logger: logger).map { try PostgresApplicationRecord.application($0, forms: self.forms) }
        }
    }

    public func supervisionFacts(from: Instant, to: Instant) async throws(StoreError) -> SupervisionFacts {
        try await transaction(.repeatableRead) { connection, logger in
            var cases = SQLStatement()
            let (lower, upper) = (cases.bind(from.description), cases.bind(to.description))
            cases.append("""
                SELECT number, received_at, completed_at, deadline, state FROM applications
                WHERE (received_at >= \(lower) AND received_at < \(upper)) OR (completed_at >= \(lower) AND completed_at < \(upper))
                ORDER BY number
                """)
            let caseList = try await connection.rows(cases, logger: logger).map { row in
                SupervisionFacts.Case(
                    number: try row.text("number"), receivedAt: try row.parse("received_at", Instant.init(iso:)),
                    completedAt: try row.parseOptional("completed_at", Instant.init(iso:)), deadline: try row.parse("deadline", CalendarDate.init(iso:)),
                    state: try row.parse("state", Application.State.init(rawValue:)))
            }
            var decisions = SQLStatement()
            decisions.append("""
                SELECT r.department, r.decision, r.reviewer, r.at, v.submitted_at, r.number FROM application_reviews r
                JOIN application_versions v ON v.number = r.number AND v.version = r.version
                WHERE r.at >= \(decisions.bind(from.description)) AND r.at < \(decisions.bind(to.description)) ORDER BY r.id
                """)
            let decisionList = try await connection.rows(decisions, logger: logger).map { row in
                SupervisionFacts.Decision(
                    number: try row.text("number"), department: try row.parse("department", Department.init(rawValue:)),
                    decision: try row.parse("decision", Application.Review.Decision.init(rawValue:)), reviewer: try row.text("reviewer"),
                    at: try row.parse("at", Instant.init(iso:)), submittedAt: try row.parse("submitted_at", Instant.init(iso:)))
            }
            return SupervisionFacts(cases: caseList, decisions: decisionList)
        }
    }
}

extension PostgresRegistryStore {
    public func resumeExpiredSuspensions(before day: CalendarDate, actor: Actor, at instant: Instant) async throws(StoreError) -> [CreditCode] {
        try await transaction { connection, logger in
            var expired = SQLStatement("SELECT code FROM entities WHERE suspended_until IS NOT NULL AND suspended_until < ")
            expired.append(expired.bind(day.description) + " ORDER BY id FOR UPDATE")
            let codes = try await connection.rows(expired, logger: logger).map { row in try row.parse("code") { try? CreditCode(validating: $0) } }
            let journal = PostgresJournal()
            var resumed: [CreditCode] = []
            for code in codes {
                // The rows are locked by the statement above: each is still 歇业 with its last day.
                let (id, old) = try await PostgresDossierReader.load(connection, code, logger: logger)
                guard let lastDay = old.entity.suspendedUntil else { continue }
                // Deemed to resume business the day after the period ends (条例 第30条).
                try await PostgresEntityChanges.setStatus(connection, id: id, dossier: old, to: .active, on: lastDay.adding(days: 1), logger: logger)
                let new = try await PostgresDossierReader.load(connection, code, logger: logger).dossier
                journal.audit(actor, action: "registration.resumption.expired", target: code.rawValue, at: instant)
                let registers = try await PostgresDossierReader.registers(connection, entityID: id, logger: logger)
                journal.change(code: code, change: "resumed", old: try ChangeFeedJSON.encode(old, registers: registers),
                               new: try ChangeFeedJSON.encode(new, registers: registers), at: instant)
                resumed.append(code)
            }
            try await journal.flush(connection, logger: logger)
            return resumed
        }
    }
}

extension PostgresRegistryStore {
    public func extendDeadline(number: String, _ request: DeadlineExtensionRequest, at instant: Instant,
                               extended: @escaping @Sendable (CalendarDate) -> CalendarDate, actor: Actor,
                               idempotency: Idempotent<Application>?) async throws(StoreError) -> Replayable<Application> {
        try await idempotentWrite(idempotency, at: instant) { connection, journal, logger in
            guard var application = try await PostgresApplicationRecord.fetch(connection, number: number, forms: self.forms, logger: logger, lock: true) else {
                throw StoreError.applicationNotFound(number)
            }
            do throws(ApplicationError) {
                try application.extendDeadline(request, recordedBy: actor.label, at: instant, extended: extended)
            } catch {
                throw StoreError.application(error)
            }
            try PostgresApplicationRecord.update(journal, application)
            journal.audit(actor, action: "application.extend-deadline", target: number, at: instant)
            return application
        }
    }
}
