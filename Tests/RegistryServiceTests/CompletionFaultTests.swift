import Foundation
import RegistryCore
import RegistryStore
import RegistryTestSupport
import Synchronization
import Testing

/// Completion is all or nothing, on every backend: a failure before any of its writes leaves no trace of the
/// registration.
struct CompletionFaultTests {
    @Test(arguments: TestBackend.available, CompletionStep.allCases)
    func aFailureBeforeAnyWriteLeavesNothing(_ backend: TestBackend, _ step: CompletionStep) async throws {
        let armed = Mutex<CompletionStep?>(nil)
        try await backend.withStore(failsBefore: { step in armed.withLock { $0 == step } }) { store in
            try await Self.failAndRetry(store, step: step, armed: armed)
        }
    }

    static func failAndRetry<Store: RegistryStore>(_ store: Store, step: CompletionStep, armed: borrowing Mutex<CompletionStep?>) async throws {
        let form = ContractFixtures.form(reservationID: "NR-FAULT")
        let parsed = EnterpriseNameParser.standard.parse(form.market.name)
        let reservation = NameReservation(
            id: "NR-FAULT", name: form.market.name, zihao: parsed.zihao, industryPhrase: parsed.industry, type: .llc,
            industry: form.market.industry, authority: form.market.authority, applicant: "陈思远", reservedOn: ContractFixtures.day,
            expiresOn: ContractFixtures.day.adding(months: 2), needsPreapproval: false, state: .active, stateChangedOn: nil)
        let query = NameCandidateQuery(parsed: parsed, industry: form.market.industry, authority: form.market.authority,
                                       today: ContractFixtures.day, policy: .standard)
        _ = try await store.reserveName(reservation, query: query) { _ in NameCheckResult(findings: [], conflicts: [], parse: parsed) }
        guard case .fresh(let application) = try await store.submitApplication(ContractFixtures.application(form), actor: ContractFixtures.actor,
                                                                                idempotency: nil) else {
            Issue.record("a call without an idempotency key replayed")
            return
        }
        for department in [Department.market, .tax] {
            _ = try await store.reviewApplication(number: application.number, review: ContractFixtures.review(department),
                                                  actor: ContractFixtures.actor, plan: ContractFixtures.plan, idempotency: nil)
        }
        let auditBefore = try await store.auditEntries(after: 0, limit: 100)
        armed.withLock { $0 = step }
        let key = IdempotencyKey(scope: "test", key: "last-approval", fingerprint: "f")
        await #expect(throws: StoreError.injected(step)) {
            _ = try await store.reviewApplication(
                number: application.number, review: ContractFixtures.review(.statistics), actor: ContractFixtures.actor,
                plan: ContractFixtures.plan,
                idempotency: Idempotent(key: key) { _ in RecordedReply(status: 200, body: [], location: nil) })
        }
        // Nothing of the failed completion is visible.
        let read = try await store.application(number: application.number)
        #expect(read?.state == .underReview && read?.reviews.count == 2 && read?.code == nil)
        #expect(try await store.entityCount() == 0)
        #expect(try await store.search(try SearchQuery(text: parsed.zihao)).hits.isEmpty)
        #expect(try await store.changes(after: 0, limit: 10).isEmpty)
        #expect(try await store.auditEntries(after: 0, limit: 100) == auditBefore)
        #expect(try await store.nameReservation(id: "NR-FAULT")?.state == .active)
        #expect(try await store.recordedReply(key) == nil)
        // The retry, once the fault is gone, completes normally.
        armed.withLock { $0 = nil }
        guard case .fresh(let done) = try await store.reviewApplication(
            number: application.number, review: ContractFixtures.review(.statistics), actor: ContractFixtures.actor,
            plan: ContractFixtures.plan, idempotency: nil) else {
            Issue.record("a call without an idempotency key replayed")
            return
        }
        #expect(done.state == .completed)
        #expect(try await store.entityCount() == 1)
        #expect(try await store.nameReservation(id: "NR-FAULT")?.state == .consumed)
    }
}

/// A status filing's completion (here a suspension) is all or nothing too: a failure before any of its writes leaves
/// the entity as it was.
struct StatusFilingFaultTests {
    static let steps: [CompletionStep] = [.review, .entity, .audit, .changeFeed, .application]

    @Test(arguments: TestBackend.available, steps)
    func aFailureBeforeAnyWriteLeavesTheEntityAsItWas(_ backend: TestBackend, _ step: CompletionStep) async throws {
        let armed = Mutex<CompletionStep?>(nil)
        try await backend.withStore(failsBefore: { step in armed.withLock { $0 == step } }) { store in
            func submitAndReview(_ request: ApplicationRequest, departments: [Department]) async throws -> Application? {
                let new = NewApplication(request: request, acceptedBy: "contract", receivedAt: ContractFixtures.instant, deadline: ContractFixtures.day)
                guard case .fresh(let application) = try await store.submitApplication(new, actor: ContractFixtures.actor, idempotency: nil) else {
                    return nil
                }
                var last = application
                for department in departments {
                    last = try await store.reviewApplication(number: application.number, review: ContractFixtures.review(department),
                                                             actor: ContractFixtures.actor, plan: ContractFixtures.plan, idempotency: nil).freshValue
                }
                return last
            }
            let code = try #require(try await submitAndReview(.establishment(ContractFixtures.form()), departments: Department.allCases)?.code)
            let entity = try #require(try await store.dossier(code)?.entity)
            let filing = StatusFiling(action: .suspension, code: code, currentName: entity.name, type: entity.type, authority: entity.authority,
                                      reason: "经营困难", suspendedUntil: ContractFixtures.day.adding(days: 90))
            let application = try #require(try await submitAndReview(.statusFiling(filing), departments: [.market, .tax]))
            let (changesBefore, auditBefore) = (try await store.changes(after: 0, limit: 10), try await store.auditEntries(after: 0, limit: 100))
            armed.withLock { $0 = step }
            await #expect(throws: StoreError.injected(step)) {
                _ = try await store.reviewApplication(number: application.number, review: ContractFixtures.review(.statistics),
                                                      actor: ContractFixtures.actor, plan: ContractFixtures.plan, idempotency: nil)
            }
            #expect(try await store.dossier(code)?.entity == entity, "still 存续, nothing changed")
            #expect(try await store.application(number: application.number)?.state == .underReview)
            #expect(try await store.changes(after: 0, limit: 10) == changesBefore)
            #expect(try await store.auditEntries(after: 0, limit: 100) == auditBefore)
            armed.withLock { $0 = nil }
            let done = try await store.reviewApplication(number: application.number, review: ContractFixtures.review(.statistics),
                                                         actor: ContractFixtures.actor, plan: ContractFixtures.plan, idempotency: nil).freshValue
            #expect(done.state == .completed)
            #expect(try await store.dossier(code)?.entity.status == .suspended)
        }
    }
}
