import Foundation
import GRDB
import RegistryCore
import RegistryStore

extension SQLiteRegistryStore {
    public func submitApplication(_ new: NewApplication, actor: Actor,
                                  idempotency: Idempotent<Application>?) async throws(StoreError) -> Replayable<Application> {
        try await idempotentWrite(idempotency, at: new.receivedAt, retiringSearchPages: false) { db in
            let application = Application(
                number: try ApplicationRecord.nextNumber(db, receivedOn: new.receivedAt.chinaDay), request: new.request, version: 1,
                state: .underReview, acceptedBy: new.acceptedBy, receivedAt: new.receivedAt, submittedAt: new.receivedAt,
                deadline: new.deadline, reviews: [], completedAt: nil, code: nil)
            try ApplicationRecord.insert(db, application)
            try JournalWriter.audit(db, actor, action: "application.accept.\(new.request.kind.rawValue)", target: application.number, at: new.receivedAt)
            return application
        }
    }

    public func recordedReply(_ key: IdempotencyKey) async throws(StoreError) -> RecordedReply? {
        try await read { db in try JournalWriter.replay(db, key) }
    }

    public func application(number: String) async throws(StoreError) -> Application? {
        let forms = self.forms
        return try await read { db in try ApplicationRecord.fetch(db, number: number, forms: forms) }
    }

    public func applications(state: Application.State?, after: String?, limit: Int) async throws(StoreError) -> [Application] {
        let forms = self.forms
        return try await read { db in try ApplicationRecord.list(db, state: state, after: after, limit: limit, forms: forms) }
    }

    public func reviewApplication(number: String, review: Application.Review, actor: Actor,
                                  plan: @escaping @Sendable (Application) -> CompletionPlan,
                                  idempotency: Idempotent<Application>?) async throws(StoreError) -> Replayable<Application> {
        let before = faultHook
        let forms = self.forms
        // Only a completion changes what search shows: cached pages are retired after one, not after every review.
        let result = try await idempotentWrite(idempotency, at: review.at, retiringSearchPages: false) { db in
            var application = try Self.loadApplication(db, number, forms: forms)
            do throws(ApplicationError) { try application.record(review) } catch { throw StoreError.application(error) }
            try before(.review)
            try ApplicationRecord.insertReview(db, number: number, review)
            try JournalWriter.audit(db, actor, action: "application.\(review.decision.rawValue).\(review.department.rawValue)",
                                    target: number, at: review.at)
            if application.isFullyApproved {
                try Self.complete(db, &application, plan: plan(application), actor: actor, at: review.at, before: before)
            }
            try ApplicationRecord.update(db, application)
            return application
        }
        if case .fresh(let application) = result, application.state == .completed { searchCache.invalidate() }
        return result
    }

    /// The completing writes (统一发照、统一赋码, or the change or deregistration): re-check a new name, then write the
    /// registration, consume the reservation, audit, feed and complete — or return the application when the name
    /// no longer passes.
    static func complete(_ db: Database, _ application: inout Application, plan: CompletionPlan, actor: Actor, at instant: Instant,
                         before: (CompletionStep) throws -> Void) throws {
        if let recheck = plan.nameCheck {
            let check = recheck.decide(try NameCandidateReader.candidates(db, recheck.query))
            if let reasons = CompletionPlan.recheckReturnReasons(check) {
                application.returnAtCompletion(reasons: reasons, at: instant)
                try ApplicationRecord.insertReview(db, number: application.number, application.reviews[application.reviews.count - 1])
                try JournalWriter.audit(db, actor, action: "application.return.name-recheck", target: application.number, at: instant)
                return
            }
        }
        let code: CreditCode, change: String, old: EntityDossier?, new: EntityDossier
        switch application.request {
        case .establishment:
            guard let draft = plan.draft else { throw StoreError.backend("an establishment's plan has no draft") }
            new = try registerEntity(db, draft, searchDocument: plan.searchDocument, before: before)
            (code, change, old) = (new.entity.code, "registered", nil)
        case .change(let form):
            let dossier = try load(db, form.code)
            old = dossier
            try CompletionGuard.change(on: dossier.entity)
            try before(.entity)
            try EntityChanges.apply(db, form, parts: plan.newNameParts, on: plan.day)
            (code, change, new) = (form.code, "changed", try load(db, form.code))
        case .deregistration(let form):
            let dossier = try load(db, form.code)
            old = dossier
            try CompletionGuard.deregistration(form, on: dossier.entity, standing: try NoticeRecord.standing(db, entityID: try entityID(db, form.code)))
            try before(.entity)
            try EntityChanges.setStatus(db, form.code, to: .deregistered, on: plan.day)
            (code, change, new) = (form.code, "deregistered", try load(db, form.code))
        case .statusFiling(let filing):
            let dossier = try load(db, filing.code)
            old = dossier
            try before(.entity)
            let label = try EntityChanges.file(db, filing, entity: dossier.entity, on: plan.day)
            (code, change, new) = (filing.code, label, try load(db, filing.code))
        }
        if let reservation = application.request.reservationID {
            try before(.reservation)
            try db.cachedStatement(sql: """
                UPDATE name_reservations SET state = 'consumed', state_changed_on = ? WHERE id = ? AND state IN ('active', 'expired')
                """).execute(arguments: [instant.chinaDay.description, reservation])
        }
        try before(.audit)
        try JournalWriter.audit(db, actor, action: "registration.\(application.kind.rawValue)", target: code.rawValue, at: instant)
        try before(.changeFeed)
        // A completion changes no register record; an existing entity's records go with both values.
        let registers = old == nil ? EntityRegisters.none : try Self.registers(db, entityID: try Self.entityID(db, code))
        let newJSON = registers.isEmpty ? plan.feedValues(of: application, code: code, dossier: new) : try ChangeFeedJSON.encode(new, registers: registers)
        try JournalWriter.change(db, code: code, change: change, old: try old.map { try ChangeFeedJSON.encode($0, registers: registers) }, new: newJSON,
                                 at: instant)
        try before(.application)
        do throws(ApplicationError) { try application.complete(code: code, at: instant) } catch { throw StoreError.application(error) }
    }

    public func correctApplication(number: String, request: ApplicationRequest, at instant: Instant, deadline: CalendarDate, actor: Actor,
                                   idempotency: Idempotent<Application>?) async throws(StoreError) -> Replayable<Application> {
        let forms = self.forms
        return try await idempotentWrite(idempotency, at: instant, retiringSearchPages: false) { db in
            var application = try Self.loadApplication(db, number, forms: forms)
            do throws(ApplicationError) { try application.correct(with: request, at: instant, deadline: deadline) } catch { throw StoreError.application(error) }
            try ApplicationRecord.insertVersion(db, application)
            try ApplicationRecord.update(db, application)
            try JournalWriter.audit(db, actor, action: "application.correct", target: number, at: instant)
            return application
        }
    }

    public func changes(after sequence: Int64, limit: Int) async throws(StoreError) -> [ChangeRecord] {
        try await read { db in
            try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM change_feed WHERE sequence > ? ORDER BY sequence LIMIT ?"), arguments: [sequence, limit]).map { row in
                ChangeRecord(sequence: row["sequence"], at: try ApplicationRecord.parse(Instant(iso: row["at"]), "at"),
                             code: try CreditCode(validating: row["code"]), change: row["change"], oldValues: row["old_values"],
                             newValues: row["new_values"])
            }
        }
    }

    public func auditEntries(after sequence: Int64, limit: Int) async throws(StoreError) -> [AuditEntry] {
        try await read { db in
            try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM audit_log WHERE sequence > ? ORDER BY sequence LIMIT ?"), arguments: [sequence, limit]).map(JournalWriter.auditEntry)
        }
    }

    static func loadApplication(_ db: Database, _ number: String, forms: FormCache) throws -> Application {
        guard let application = try ApplicationRecord.fetch(db, number: number, forms: forms) else { throw StoreError.applicationNotFound(number) }
        return application
    }

    /// One write transaction that first looks for `idempotency`'s recorded reply (then writes nothing) and
    /// otherwise runs `body` and records its reply in the same transaction.
    func idempotentWrite<Value: Sendable>(_ idempotency: Idempotent<Value>?, at instant: Instant, retiringSearchPages: Bool = true,
                                          _ body: @escaping @Sendable (Database) throws -> Value) async throws(StoreError) -> Replayable<Value> {
        try await write(retiringSearchPages: retiringSearchPages) { db in
            if let idempotency, let reply = try JournalWriter.replay(db, idempotency.key) { return .replayed(reply) }
            let value = try body(db)
            if let idempotency, let reply = try idempotency.render(value) { try JournalWriter.record(db, idempotency.key, reply, at: instant) }
            return .fresh(value)
        }
    }
}

extension SQLiteRegistryStore {
    public func applicationsDue(through day: CalendarDate, limit: Int) async throws(StoreError) -> [Application] {
        let forms = self.forms
        return try await read { db in
            let rows = try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT \(ApplicationRecord.selected) FROM applications WHERE state = 'under-review' AND deadline <= ? ORDER BY deadline, number LIMIT ?
                """), arguments: [day.description, limit])
            return try rows.map { try ApplicationRecord.application(db, $0, forms: forms) }
        }
    }

    public func supervisionFacts(from: Instant, to: Instant) async throws(StoreError) -> SupervisionFacts {
        try await read { db in
            let range: StatementArguments = [from.description, to.description]
            let cases = try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT number, received_at, completed_at, deadline, state FROM applications
                WHERE (received_at >= ?1 AND received_at < ?2) OR (completed_at >= ?1 AND completed_at < ?2)
                ORDER BY number
                """), arguments: range).map { row in
                SupervisionFacts.Case(
                    number: row[0], receivedAt: try ApplicationRecord.parse(Instant(iso: row[1]), "received_at"),
                    completedAt: try (row[2] as String?).map { try ApplicationRecord.parse(Instant(iso: $0), "completed_at") },
                    deadline: try ApplicationRecord.parse(CalendarDate(iso: row[3] as String), "deadline"),
                    state: try ApplicationRecord.parse(Application.State(rawValue: row[4]), "state"))
            }
            let decisions = try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT r.department, r.decision, r.reviewer, r.at, v.submitted_at, r.number FROM application_reviews r
                JOIN application_versions v ON v.number = r.number AND v.version = r.version
                WHERE r.at >= ? AND r.at < ? ORDER BY r.id
                """), arguments: range).map { row in
                SupervisionFacts.Decision(
                    number: row[5], department: try ApplicationRecord.parse(Department(rawValue: row[0]), "department"),
                    decision: try ApplicationRecord.parse(Application.Review.Decision(rawValue: row[1]), "decision"), reviewer: row[2],
                    at: try ApplicationRecord.parse(Instant(iso: row[3]), "at"),
                    submittedAt: try ApplicationRecord.parse(Instant(iso: row[4]), "submitted_at"))
            }
            return SupervisionFacts(cases: cases, decisions: decisions)
        }
    }
}

extension SQLiteRegistryStore {
    public func resumeExpiredSuspensions(before day: CalendarDate, actor: Actor, at instant: Instant) async throws(StoreError) -> [CreditCode] {
        try await write { db in
            let expired = try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT code, suspended_until FROM entities WHERE suspended_until IS NOT NULL AND suspended_until < ? ORDER BY id
                """), arguments: [day.description])
            var resumed: [CreditCode] = []
            for row in expired {
                let code = try DossierReader.code(row[0])
                let lastDay = try DossierReader.date(row[1])
                let old = try Self.load(db, code)
                // Deemed to resume business the day after the period ends (条例 第30条).
                try EntityChanges.setStatus(db, code, to: .active, on: lastDay.adding(days: 1))
                try JournalWriter.audit(db, actor, action: "registration.resumption.expired", target: code.rawValue, at: instant)
                let registers = try Self.registers(db, entityID: try Self.entityID(db, code))
                try JournalWriter.change(db, code: code, change: "resumed", old: try ChangeFeedJSON.encode(old, registers: registers),
                                         new: try ChangeFeedJSON.encode(try Self.load(db, code), registers: registers), at: instant)
                resumed.append(code)
            }
            return resumed
        }
    }
}

extension SQLiteRegistryStore {
    public func extendDeadline(number: String, _ request: DeadlineExtensionRequest, at instant: Instant,
                               extended: @escaping @Sendable (CalendarDate) -> CalendarDate, actor: Actor,
                               idempotency: Idempotent<Application>?) async throws(StoreError) -> Replayable<Application> {
        let forms = self.forms
        return try await idempotentWrite(idempotency, at: instant, retiringSearchPages: false) { db in
            var application = try Self.loadApplication(db, number, forms: forms)
            do throws(ApplicationError) {
                try application.extendDeadline(request, recordedBy: actor.label, at: instant, extended: extended)
            } catch {
                throw StoreError.application(error)
            }
            try ApplicationRecord.update(db, application)
            try JournalWriter.audit(db, actor, action: "application.extend-deadline", target: number, at: instant)
            return application
        }
    }
}
