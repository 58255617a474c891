import Foundation
import RegistryCore
import RegistryStore

/// Name pre-check and reservation (名称自主申报, SPEC §2): the use case behind `yizhao name check` and
/// `/v1/name-checks`, `/v1/name-reservations`.
public struct NameDesk<Store: RegistryStore>: Sendable {
    /// The registry.
    public let store: Store
    /// The N- rules.
    public let rules: NameRuleChecker
    /// The C- and W- rules.
    public let conflicts: NameConflictChecker
    /// The clock (injected): reservations are audited at its time, expire by its China day, cooldowns count from it.
    public let now: @Sendable () -> Instant
    /// New reservation ids (injected; random in production).
    public let makeReservationID: @Sendable () -> String

    /// Longest name accepted as input at all (N-LENGTH judges the real bound).
    public static var inputLimit: Int { 200 }

    /// Creates the desk with the standard rules and a clock.
    public init(store: Store, now: @escaping @Sendable () -> Instant,
                makeReservationID: @escaping @Sendable () -> String = NameDesk.randomReservationID) {
        self.store = store
        self.rules = .standard
        self.conflicts = .standard
        self.now = now
        self.makeReservationID = makeReservationID
    }

    /// A desk whose clock stands at the start of `today()` (checks, benchmarks and tests that need only a day).
    public init(store: Store, today: @escaping @Sendable () -> CalendarDate,
                makeReservationID: @escaping @Sendable () -> String = NameDesk.randomReservationID) {
        self.init(store: store, now: { Instant(day: today()) }, makeReservationID: makeReservationID)
    }

    /// Today in China.
    public func today() -> CalendarDate { now().chinaDay }

    /// A request from the fields as users write them; every invalid field is reported at once.
    public static func request(name: String, type: String, industry: String, authority: String, parent: String? = nil,
                               related: [String] = []) throws(NameDeskError) -> NameCheckRequest {
        var problems: [NameDeskError.FieldProblem] = []
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { problems.append(.init(field: "name", message: "the name is empty")) }
        if trimmed.count > inputLimit { problems.append(.init(field: "name", message: "the name has \(trimmed.count) characters; at most \(inputLimit) are accepted")) }
        let entityType = EntityType(rawValue: type)
        if entityType == nil {
            problems.append(.init(field: "type", message: "unknown entity type “\(type)”; one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        let industryCode = IndustryCode(industry)
        if industryCode == nil { problems.append(.init(field: "industry", message: "“\(industry)” is not a GB/T 4754-2017 code")) }
        let region = RegionCode(authority)
        let current = region.flatMap { RegionTable.standard.current($0.value) }
        if current == nil || current?.isGrouping == true {
            problems.append(.init(field: "authority", message: "“\(authority)” is not the six-digit code of a current region"))
        }
        if entityType == .branch, (parent ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            problems.append(.init(field: "parent", message: "a branch's check needs its parent's registered name"))
        }
        var relatedCodes = Set<CreditCode>()
        for (index, text) in related.enumerated() {
            if let code = try? CreditCode(validating: text) { relatedCodes.insert(code) } else {
                problems.append(.init(field: "related/\(index)", message: "“\(text)” is not a valid unified social credit code"))
            }
        }
        guard problems.isEmpty, let entityType, let industryCode, let region else { throw .invalidRequest(problems) }
        return NameCheckRequest(name: trimmed, type: entityType, industry: industryCode, authority: region,
                                parentName: parent, relatedCodes: relatedCodes)
    }

    /// Checks a name against the rules and the registry: the verdict with every finding and conflict.
    public func check(_ request: NameCheckRequest) async throws(NameDeskError) -> NameCheckResult {
        let (parsed, findings) = rules.check(request)
        let instant = now()
        let day = instant.chinaDay
        let query = NameCandidateQuery(parsed: parsed, industry: request.industry, authority: request.authority, today: day, policy: rules.policy)
        let candidates: [NameCandidate]
        do { candidates = try await store.nameCandidates(query) } catch { throw .store(error) }
        return NameCheckResult(findings: findings, conflicts: conflicts.conflicts(of: parsed, request, with: candidates, on: day), parse: parsed)
    }

    /// Checks and reserves in one transaction: two months, or a year when a pre-approval is needed. A name the
    /// check warns about is reserved only with the applicant's `commitment` (办法 第22条).
    public func reserve(_ request: NameCheckRequest, applicant: String, needsPreapproval: Bool,
                        commitment: Bool = true, actor: Actor = .public) async throws(NameDeskError) -> NameReservationOutcome {
        let result = try await reserve(request, applicant: applicant, needsPreapproval: needsPreapproval, commitment: commitment,
                                       actor: actor, idempotency: nil)
        guard case .fresh(let outcome) = result else { throw .store(.backend("a reservation without a key replayed")) }
        return outcome
    }

    /// Checks and reserves; with a key, a retry returns the first reply (a refusal is not recorded).
    public func reserve(_ request: NameCheckRequest, applicant: String, needsPreapproval: Bool, commitment: Bool, actor: Actor,
                        idempotency: Idempotent<NameReservationOutcome>?) async throws(NameDeskError) -> Replayable<NameReservationOutcome> {
        do {
            if let reply = try await store.recordedReply(for: idempotency?.key) { return .replayed(reply) }
        } catch {
            throw .store(error)
        }
        let (parsed, findings) = rules.check(request)
        let instant = now()
        let day = instant.chinaDay
        let query = NameCandidateQuery(parsed: parsed, industry: request.industry, authority: request.authority, today: day, policy: rules.policy)
        let reservation = NameReservation(
            id: makeReservationID(), name: parsed.normalized, zihao: parsed.zihao, industryPhrase: parsed.industry, type: request.type,
            industry: request.industry, authority: request.authority, applicant: applicant, reservedOn: day,
            expiresOn: NameReservation.expiry(reservedOn: day, needsPreapproval: needsPreapproval), needsPreapproval: needsPreapproval,
            state: .active, stateChangedOn: nil)
        let conflicts = self.conflicts
        let result: Replayable<NameReservationOutcome>
        do {
            result = try await store.reserveName(reservation, query: query, decide: { candidates in
                NameCheckResult(findings: findings, conflicts: conflicts.conflicts(of: parsed, request, with: candidates, on: day), parse: parsed)
            }, allowingWarnings: commitment, actor: actor, at: instant, idempotency: idempotency)
        } catch {
            throw .store(error)
        }
        if case .fresh(let outcome) = result, outcome.reservation == nil {
            throw outcome.check.verdict == .warning ? .commitmentRequired(outcome.check) : .notReservable(outcome.check)
        }
        return result
    }

    /// A reservation with its state as of today.
    public func reservation(id: String) async throws(NameDeskError) -> NameReservation {
        let found: NameReservation?
        do { found = try await store.nameReservation(id: id) } catch { throw .store(error) }
        guard var reservation = found else { throw .reservationNotFound(id) }
        reservation.state = reservation.state(on: today())
        return reservation
    }

    /// Cancels an active reservation.
    public func cancel(id: String, actor: Actor = .public,
                       idempotency: Idempotent<NameReservation>? = nil) async throws(NameDeskError) -> Replayable<NameReservation> {
        do {
            return try await store.cancelNameReservation(id: id, actor: actor, at: now(), idempotency: idempotency)
        } catch .reservationNotFound(let id) {
            throw .reservationNotFound(id)
        } catch {
            throw .store(error)
        }
    }

    /// `NR` and 20 random characters of the code alphabet: unguessable, so the id is the holder's handle.
    public static func randomReservationID() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
        return "NR" + String((0..<20).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
