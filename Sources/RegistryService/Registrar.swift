import RegistryCore
import RegistryStore

/// Unified registration (SPEC §4): acceptance with the whole form (一窗受理、一表填写), parallel review by the
/// three departments (并联审批) under a working-day deadline (限时办结), and completion in one transaction on
/// the last approval (统一发照、统一赋码).
public struct Registrar<Store: RegistryStore>: Sendable {
    /// The registry.
    public let store: Store
    /// Name checks (shared with the public pre-check).
    public let names: NameDesk<Store>
    /// Working days for deadlines.
    public let calendar: WorkingCalendar
    /// Working days allowed for the decision (条例 第19条: 3).
    public let deadlineWorkingDays: Int
    /// The clock.
    public let now: @Sendable () -> Instant

    /// Creates the registrar.
    public init(store: Store, now: @escaping @Sendable () -> Instant, calendar: WorkingCalendar = WorkingCalendar(),
                deadlineWorkingDays: Int = 3) {
        self.store = store
        self.now = now
        self.names = NameDesk(store: store, now: now)
        self.calendar = calendar
        self.deadlineWorkingDays = deadlineWorkingDays
    }

    /// Accepts an establishment with the unified form.
    public func accept(_ form: ApplicationFormInput, actor: Actor,
                       idempotency: Idempotent<Application>?) async throws(RegistrarError) -> Replayable<Application> {
        try await accept(ApplicationInput(establishment: form), actor: actor, idempotency: idempotency)
    }

    /// Accepts an application (establishment, change or deregistration): validates the whole form, checks a new
    /// name (unless a reservation holds it) and stores it with a number and a deadline.
    public func accept(_ input: ApplicationInput, actor: Actor,
                       idempotency: Idempotent<Application>?) async throws(RegistrarError) -> Replayable<Application> {
        if let reply = try await replayed(idempotency) { return .replayed(reply) }
        let instant = now()
        let request = try await validated(input, on: instant.chinaDay)
        let new = NewApplication(request: request, acceptedBy: actor.label, receivedAt: instant,
                                 deadline: calendar.adding(workingDays: deadlineWorkingDays, to: instant.chinaDay))
        do { return try await store.submitApplication(new, actor: actor, idempotency: idempotency) } catch { throw .store(error) }
    }

    /// Records a department's decision; the last approval completes the registration in the same transaction.
    /// `version` nil means the current version.
    public func review(number: String, department: Department, decision: Application.Review.Decision, reasons: [String],
                       version: Int?, role: Role, actor: Actor,
                       idempotency: Idempotent<Application>?) async throws(RegistrarError) -> Replayable<Application> {
        guard role.department == department else { throw .wrongDepartment(role: role, department: department) }
        if let reply = try await replayed(idempotency) { return .replayed(reply) }
        let current = try await application(number: number)
        let instant = now()
        let review = Application.Review(department: department, decision: decision, reasons: reasons, reviewer: actor.label,
                                        at: instant, version: version ?? current.version)
        // The name re-check's rules and the draft are pure: when this review looks like the last approval,
        // prepare them here, outside the single writer; the transaction then only reads the candidates.
        let looksLast = current.state == .underReview && review.version == current.version
            && current.approvedDepartments.union([department]).count == Department.allCases.count
        let (rules, conflicts, day) = (names.rules, names.conflicts, instant.chinaDay)
        let prepared = looksLast ? CompletionPlan(for: current, rules: rules, conflicts: conflicts, day: day) : nil
        let plan: @Sendable (Application) -> CompletionPlan = { application in
            // A version's form never changes (a correction makes a new version): the version number identifies it.
            if let prepared, application.version == current.version { return prepared }
            return CompletionPlan(for: application, rules: rules, conflicts: conflicts, day: day)
        }
        do {
            return try await store.reviewApplication(number: number, review: review, actor: actor, plan: plan, idempotency: idempotency)
        } catch .applicationNotFound(let number) {
            throw .applicationNotFound(number)
        } catch {
            throw .store(error)
        }
    }

    /// Replaces a returned application's form with the applicant's correction.
    public func correct(number: String, _ input: ApplicationInput, actor: Actor,
                        idempotency: Idempotent<Application>?) async throws(RegistrarError) -> Replayable<Application> {
        if let reply = try await replayed(idempotency) { return .replayed(reply) }
        _ = try await application(number: number)
        let instant = now()
        let request = try await validated(input, on: instant.chinaDay)
        let deadline = calendar.adding(workingDays: deadlineWorkingDays, to: instant.chinaDay)
        do {
            return try await store.correctApplication(number: number, request: request, at: instant, deadline: deadline, actor: actor,
                                                      idempotency: idempotency)
        } catch .applicationNotFound(let number) {
            throw .applicationNotFound(number)
        } catch {
            throw .store(error)
        }
    }

    /// Extends the decision deadline of an application under review once, by the registrar's working days after its
    /// current deadline (条例 第19条: a complex case, with the registration authority head's approval, the applicant told
    /// in writing). `reason` (2–500 characters) and `approvedBy` (the head, 2–30) are required; a second extension of
    /// the same version is refused.
    public func extendDeadline(number: String, reason: String?, approvedBy: String?, actor: Actor,
                               idempotency: Idempotent<Application>?) async throws(RegistrarError) -> Replayable<Application> {
        if let reply = try await replayed(idempotency) { return .replayed(reply) }
        let instant = now()
        let request: DeadlineExtensionRequest
        switch DeadlineExtensionRequest.validate(reason: reason, approvedBy: approvedBy, today: instant.chinaDay) {
        case .success(let valid): request = valid
        case .failure(let errors): throw .invalidForm(errors)
        }
        let (calendar, days) = (calendar, deadlineWorkingDays)
        do {
            return try await store.extendDeadline(number: number, request, at: instant, extended: { calendar.adding(workingDays: days, to: $0) },
                                                  actor: actor, idempotency: idempotency)
        } catch .applicationNotFound(let number) {
            throw .applicationNotFound(number)
        } catch {
            throw .store(error)
        }
    }

    /// Ends the suspensions (歇业) whose period ended before today: each entity is 存续 again from the day after its
    /// period (条例 第30条), audited as the system's; the codes resumed. `yizhao serve` runs it at start, after each midnight in China, and hourly.
    public func resumeExpiredSuspensions() async throws(RegistrarError) -> [CreditCode] {
        let instant = now()
        do {
            return try await store.resumeExpiredSuspensions(before: instant.chinaDay, actor: Actor(label: "system", role: "system", requestID: nil),
                                                             at: instant)
        } catch {
            throw .store(error)
        }
    }

    /// One application.
    public func application(number: String) async throws(RegistrarError) -> Application {
        let found: Application?
        do { found = try await store.application(number: number) } catch { throw .store(error) }
        guard let found else { throw .applicationNotFound(number) }
        return found
    }

    /// Applications in a state, by number.
    public func applications(state: Application.State?, after: String?, limit: Int) async throws(RegistrarError) -> [Application] {
        do { return try await store.applications(state: state, after: after, limit: limit) } catch { throw .store(error) }
    }

    /// The reply recorded under `idempotency`'s key, if any.
    func replayed<Value>(_ idempotency: Idempotent<Value>?) async throws(RegistrarError) -> RecordedReply? {
        do { return try await store.recordedReply(for: idempotency?.key) } catch { throw .store(error) }
    }

    /// The application validated against the registry: the entity and reservation it names, then every field,
    /// then any new name.
    func validated(_ input: ApplicationInput, on day: CalendarDate) async throws(RegistrarError) -> ApplicationRequest {
        var lookup = ReservationLookup.none
        var entity: MarketEntity?
        var standing = EntityStanding.none
        do {
            if let id = input.reservationId { lookup = try await store.nameReservation(id: id).map(ReservationLookup.found) ?? .missing }
            if let text = input.entityCode, let code = try? CreditCode(validating: text) {
                entity = try await store.dossier(code)?.entity
                // A simplified deregistration depends on the 经营异常名录 and the 简易注销 notice (the completion checks again).
                if entity != nil, input.deregistration != nil { standing = try await store.standing(code: code) }
            }
        } catch {
            throw .store(error)
        }
        let request: ApplicationRequest
        switch input.validate(today: day, entity: entity, reservation: lookup, standing: standing) {
        case .success(let valid): request = valid
        case .failure(let errors): throw .invalidForm(errors)
        }
        let check: NameCheckRequest
        switch request {
        case .establishment(let form) where form.market.reservationID == nil:
            check = NameCheckRequest(name: form.market.name, type: form.market.type, industry: form.market.industry,
                                     authority: form.market.authority, parentName: nil, relatedCodes: CompletionPlan.investorCodes(form))
        case .change(let form) where form.reservationID == nil && form.name != nil:
            check = NameCheckRequest(name: form.name!, type: form.type, industry: form.industry, authority: form.authority,
                                     parentName: nil, relatedCodes: [form.code])
        default:
            return request
        }
        let result: NameCheckResult
        do { result = try await names.check(check) } catch {
            // `check` fails only in the store.
            throw .store(error.storeError ?? .backend(String(describing: error)))
        }
        guard result.verdict.allowsReservation else { throw .nameNotAccepted(result) }
        if result.verdict == .warning && !input.nameCommitment {
            throw .nameCommitmentRequired(result, field: request.kind == .change ? "/change/nameCommitment" : "/market/nameCommitment")
        }
        return request
    }
}
