import Foundation
import RegistryCore
import RegistryService
import RegistryStore
import RegistryTestSupport
import Synchronization
import Testing

/// The pre-check and reservations through the desk, on every backend: names that exist come back blocked with the
/// existing entity named, fresh names are available, and a reservation holds its name until its expiry by the
/// injected clock.
struct NameCheckTests {
    @Test(arguments: TestBackend.available)
    func checksAgainstASeededRegistry(_ backend: TestBackend) async throws {
        try await backend.withStore { store in try await Self.checks(store) }
    }

    static func checks<Store: RegistryStore>(_ store: Store) async throws {
        try await RegistrySeeder(store: store).seed(count: 4_000, seed: 7, today: TestBackend.today)
        let desk = NameDesk(store: store, today: { TestBackend.today })
        let dossiers = SyntheticRegistry(count: 4_000, seed: 7, today: TestBackend.today).dossiers(0..<4_000)
        let entity = try #require(dossiers.map(\.entity).first { $0.status.isActive && $0.type == .llc && !$0.nameParts.industry.isEmpty })
        let result = try await desk.check(NameCheckRequest(name: entity.name, type: .llc, industry: entity.industry, authority: entity.authority))
        #expect(result.verdict == .blocked)
        let identical = try #require(result.conflicts.first { $0.rule == .identical })
        #expect(identical.existing.code == entity.code && identical.existing.status == "存续")
        let fresh = try NameDesk<Store>.request(name: "长沙市紫霞蔚蓝软件开发有限公司", type: "llc", industry: "6513", authority: "430104")
        let available = try await desk.check(fresh)
        #expect(available.verdict == .available, "\(available.findings.map(\.rule)) \(available.conflicts.map { ($0.rule, $0.existing.name) })")
    }

    final class Clock: Sendable {
        let day = Mutex(CalendarDate(year: 2026, month: 11, day: 27)!)
        var today: CalendarDate { day.withLock { $0 } }
    }

    @Test(arguments: TestBackend.available)
    func aReservationExpiresByTheInjectedClock(_ backend: TestBackend) async throws {
        try await backend.withStore { store in try await Self.expiry(store) }
    }

    static func expiry<Store: RegistryStore>(_ store: Store) async throws {
        let clock = Clock()
        let desk = NameDesk(store: store, today: { clock.today })
        let request = try NameDesk<Store>.request(name: "长沙紫霞软件开发有限公司", type: "llc", industry: "6513", authority: "430104")
        let first = try await desk.reserve(request, applicant: "张三", needsPreapproval: false)
        let reservation = try #require(first.reservation)
        #expect(reservation.expiresOn == CalendarDate(year: 2027, month: 1, day: 27))
        await #expect(throws: NameDeskError.self) { try await desk.reserve(request, applicant: "李四", needsPreapproval: false) }
        #expect(try await desk.check(request).verdict == .blocked)
        clock.day.withLock { $0 = CalendarDate(year: 2027, month: 1, day: 27)! }
        #expect(try await desk.reservation(id: reservation.id).state == .expired)
        #expect(try await desk.check(request).verdict == .available)
        let second = try await desk.reserve(request, applicant: "李四", needsPreapproval: true)
        #expect(second.reservation?.expiresOn == CalendarDate(year: 2028, month: 1, day: 27))
        await #expect(throws: NameDeskError.reservationNotFound("NR0")) { try await desk.cancel(id: "NR0") }
    }
}

/// The audit chain and the change feed under concurrent writers, on every backend: one line, no gaps, every entry
/// verifying, every registration in the feed exactly once.
struct ConcurrentJournalTests {
    @Test(arguments: TestBackend.available)
    func concurrentWritersLeaveOneLinearChain(_ backend: TestBackend) async throws {
        try await backend.withStore { store in try await Self.run(store) }
    }

    static func run<Store: RegistryStore>(_ store: Store) async throws {
        let actor = Actor(label: "counter", role: "admin", requestID: nil)
        try await withThrowingTaskGroup(of: [CreditCode].self) { group in
            for client in 0..<8 {
                group.addTask {
                    var codes: [CreditCode] = []
                    for index in 0..<10 {
                        let n = client * 10 + index
                        codes.append(try await store.register(ContractFixtures.draft(index: n, zihao: "并发\(n)号")).entity.code)
                        _ = try await store.createToken(label: "t\(n)", role: .clerk, secretHash: String(repeating: "0", count: 62) + String(format: "%02d", n), at: ContractFixtures.instant, actor: actor)
                    }
                    return codes
                }
            }
            var codes = Set<CreditCode>()
            for try await batch in group { codes.formUnion(batch) }
            #expect(codes.count == 80, "80 distinct codes")
            let feed = try await store.changes(after: 0, limit: 1_000)
            #expect(feed.map(\.sequence) == Array(1...80), "the feed is numbered without gaps")
            #expect(Set(feed.map(\.code)) == codes, "every registration in the feed once")
        }
        let report = try await AuditDesk(store: store).verifyChain()
        #expect(report.firstBreak == nil && report.checked == 80, "one chain of 80 token entries: \(String(describing: report.firstBreak))")
        let entries = try await store.auditEntries(after: 0, limit: 1_000)
        #expect(entries.map(\.sequence) == Array(1...80))
        #expect(zip(entries, entries.dropFirst()).allSatisfy { $0.hash == $1.previousHash }, "each entry links to the one before")
    }
}
