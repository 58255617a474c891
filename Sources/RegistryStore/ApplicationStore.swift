import RegistryCore

/// Storage of unified applications (一窗受理 → 并联审批 → 统一发照): each call is one transaction, and a call with
/// an `Idempotent` key either runs and records its reply in that transaction or returns the recorded reply.
public protocol ApplicationStore: Sendable {
    /// Stores a new application under the next application number.
    func submitApplication(_ new: NewApplication, actor: Actor,
                           idempotency: Idempotent<Application>?) async throws(StoreError) -> Replayable<Application>

    /// The reply recorded under `key`, or nil; a key reused with another request throws `idempotencyKeyReused`.
    func recordedReply(_ key: IdempotencyKey) async throws(StoreError) -> RecordedReply?

    /// One application, or nil.
    func application(number: String) async throws(StoreError) -> Application?

    /// Applications in `state` (all when nil), oldest first, at most `limit`, after number `after`.
    func applications(state: Application.State?, after: String?, limit: Int) async throws(StoreError) -> [Application]

    /// Applications under review whose deadline is on or before `day`, earliest deadline first, at most `limit`.
    func applicationsDue(through day: CalendarDate, limit: Int) async throws(StoreError) -> [Application]

    /// What supervision statistics are computed from: applications received or completed in `[from, to)`, and
    /// the reviews made in it.
    func supervisionFacts(from: Instant, to: Instant) async throws(StoreError) -> SupervisionFacts

    /// Records a review; on the last approval, completes the application in the **same** transaction: re-checks
    /// a new name with `plan`, then for an establishment allocates the code and writes the entity, license, tax and
    /// statistics registrations, name history and search index (for a change, the changed items and a license
    /// version; for a deregistration or a status filing, the status), consumes the reservation, appends the audit and change-feed
    /// entries.
    /// A name that fails the re-check returns the application instead (reviewer `system`).
    func reviewApplication(number: String, review: Application.Review, actor: Actor,
                           plan: @escaping @Sendable (Application) -> CompletionPlan,
                           idempotency: Idempotent<Application>?) async throws(StoreError) -> Replayable<Application>

    /// Ends every suspension (歇业) whose last day is before `day`: the entity is deemed to resume business the day after
    /// it (条例 第30条) and becomes 存续 on that day, audited as `actor`'s (`registration.resumption.expired`) and in the
    /// change feed (`resumed`), all in one transaction. The codes resumed, in registration order.
    func resumeExpiredSuspensions(before day: CalendarDate, actor: Actor, at instant: Instant) async throws(StoreError) -> [CreditCode]

    /// Extends the deadline of an application under review to `extended` of its deadline as it is in the transaction
    /// (once per version, 条例 第19条), at `instant`, audited (`application.extend-deadline`) as `actor`'s.
    func extendDeadline(number: String, _ request: DeadlineExtensionRequest, at instant: Instant,
                        extended: @escaping @Sendable (CalendarDate) -> CalendarDate, actor: Actor,
                        idempotency: Idempotent<Application>?) async throws(StoreError) -> Replayable<Application>

    /// Records a registration decision (吊销营业执照, 撤销登记, or a 撤销's reversal) at `instant` and applies its outcome
    /// (`RegistrationDecisionOutcome`) to the entity in **one** transaction: the status as of the decision's day, the search
    /// index, the audit entry (`registration.decision.<action>`, `actor`'s) and the change-feed entry. `entityNotFound`,
    /// `invalidState` and `conflict` (its document number already recorded on the entity) write nothing.
    func recordDecision(_ decision: RegistrationDecision, actor: Actor, at instant: Instant,
                        idempotency: Idempotent<RegistrationDecision.Record>?) async throws(StoreError) -> Replayable<RegistrationDecision.Record>

    /// The decisions recorded on an entity, oldest first; `entityNotFound` when there is no such entity.
    func decisions(code: CreditCode) async throws(StoreError) -> [RegistrationDecision.Record]

    /// Puts the entity on the 经营异常名录 (`AbnormalListingRules.check`), audited (`registration.abnormal-listing`) as
    /// `actor`'s, in one transaction; a refusal writes nothing.
    func listAbnormal(_ request: AbnormalListing.Request, actor: Actor, at instant: Instant,
                      idempotency: Idempotent<AbnormalListing>?) async throws(StoreError) -> Replayable<AbnormalListing>

    /// Ends the entity's listing `id` (`AbnormalListingRules.checkRemoval`; `abnormalListingNotFound` when the entity has
    /// no such listing), audited (`registration.abnormal-removal`) as `actor`'s, in one transaction.
    func removeAbnormalListing(code: CreditCode, id: Int64, _ removal: AbnormalListing.Removal, actor: Actor, at instant: Instant,
                               idempotency: Idempotent<AbnormalListing>?) async throws(StoreError) -> Replayable<AbnormalListing>

    /// The entity's 经营异常名录 listings, in force and ended, oldest first; `entityNotFound` when there is no such entity.
    func abnormalListings(code: CreditCode) async throws(StoreError) -> [AbnormalListing]

    /// Files the entity's 简易注销 notice, starting on `instant`'s day (`DeregistrationNoticeRules.checkFiling`), audited
    /// (`registration.deregistration-notice`) as `actor`'s, in one transaction.
    func fileDeregistrationNotice(code: CreditCode, actor: Actor, at instant: Instant,
                                  idempotency: Idempotent<DeregistrationNotice>?) async throws(StoreError) -> Replayable<DeregistrationNotice>

    /// Records an objection to the entity's notice `id` (`DeregistrationNoticeRules.checkObjection`; `noticeNotFound`
    /// without such a notice), audited (`registration.deregistration-objection`) as `actor`'s, in one transaction.
    func objectToDeregistrationNotice(code: CreditCode, id: Int64, _ objection: DeregistrationNotice.Objection, actor: Actor, at instant: Instant,
                                      idempotency: Idempotent<DeregistrationNotice>?) async throws(StoreError) -> Replayable<DeregistrationNotice>

    /// The entity's 简易注销 notices, oldest first; `entityNotFound` when there is no such entity.
    func deregistrationNotices(code: CreditCode) async throws(StoreError) -> [DeregistrationNotice]

    /// Replaces a returned application's form with its correction (a new version, reviewed afresh).
    func correctApplication(number: String, request: ApplicationRequest, at instant: Instant, deadline: CalendarDate, actor: Actor,
                            idempotency: Idempotent<Application>?) async throws(StoreError) -> Replayable<Application>

    /// Committed changes after `sequence`, in order, at most `limit`.
    func changes(after sequence: Int64, limit: Int) async throws(StoreError) -> [ChangeRecord]

    /// Audit entries after `sequence`, in order, at most `limit`.
    func auditEntries(after sequence: Int64, limit: Int) async throws(StoreError) -> [AuditEntry]
}

/// Storage of access tokens.
public protocol AccessStore: Sendable {
    /// Stores a new token (its id assigned) and audits it.
    func createToken(label: String, role: Role, privileges: Set<Privilege>, secretHash: String, at instant: Instant,
                     actor: Actor) async throws(StoreError) -> AccessToken

    /// The token with this secret hash, revoked or not, or nil.
    func accessToken(secretHash: String) async throws(StoreError) -> AccessToken?

    /// Every token, oldest first.
    func accessTokens() async throws(StoreError) -> [AccessToken]

    /// Revokes a token (idempotent for an already revoked one) and audits it.
    func revokeToken(id: Int64, at instant: Instant, actor: Actor) async throws(StoreError) -> AccessToken
}

extension ApplicationStore {
    /// The entity's listings in force and latest 简易注销 notice, read one after the other (for validating an application:
    /// the completion reads them again in its transaction).
    public func standing(code: CreditCode) async throws(StoreError) -> EntityStanding {
        EntityStanding(abnormalListings: try await abnormalListings(code: code), deregistrationNotice: try await deregistrationNotices(code: code).last)
    }
}

extension AccessStore {
    /// Creates a token without privileges.
    public func createToken(label: String, role: Role, secretHash: String, at instant: Instant, actor: Actor) async throws(StoreError) -> AccessToken {
        try await createToken(label: label, role: role, privileges: [], secretHash: secretHash, at: instant, actor: actor)
    }
}

extension ApplicationStore {
    /// The recorded reply of an idempotency key, if it was used (a reused key with another request throws).
    /// A fast path ahead of the read-only checks; the mutating call checks again inside its transaction.
    public func recordedReply(for key: IdempotencyKey?) async throws(StoreError) -> RecordedReply? {
        guard let key else { return nil }
        return try await recordedReply(key)
    }
}
