import RegistryCore
import RegistrySQLite
import RegistryService
import RegistryStore
import Synchronization
import Testing

/// The pre-check against the seeded registry: the parser agrees with the generator's parts, and names
/// that exist, or share a 字号 and an industry, come back blocked with the existing entity named.
struct NameCheckSeedTests {
    static func desk() async throws -> NameDesk<SQLiteRegistryStore> {
        NameDesk(store: try await TemporaryStore.seeded.value, today: { TemporaryStore.today })
    }

    @Test func theParserReadsSeededNamesAsTheyWereMade() {
        let dossiers = SyntheticRegistry(count: 2_000, seed: 7, today: TemporaryStore.today).dossiers(0..<2_000)
        var disagreements: [String] = []
        for entity in dossiers.map(\.entity) {
            let parsed = EnterpriseNameParser.standard.parse(entity.name, authority: entity.authority.value)
            if parsed.zihao != entity.nameParts.zihao { disagreements.append("\(entity.name): \(parsed.zihao) ≠ \(entity.nameParts.zihao)") }
        }
        // A few generated 字号 end in a character that is itself an industry word; at most 2% may differ.
        #expect(disagreements.count * 50 <= dossiers.count, "\(disagreements.count): \(disagreements.prefix(20))")
    }

    @Test func anExistingNameIsBlockedAndNamesTheEntity() async throws {
        let store = try await TemporaryStore.seeded.value
        let desk = try await Self.desk()
        let dossiers = SyntheticRegistry(count: 4_000, seed: 7, today: TemporaryStore.today).dossiers(0..<4_000)
        let entity = try #require(dossiers.map(\.entity).first { $0.status.isActive && $0.type == .llc && !$0.nameParts.industry.isEmpty })
        let request = NameCheckRequest(name: entity.name, type: .llc, industry: entity.industry, authority: entity.authority)
        let result = try await desk.check(request)
        #expect(result.verdict == .blocked)
        let identical = try #require(result.conflicts.first { $0.rule == .identical })
        #expect(identical.existing.code == entity.code)
        #expect(identical.existing.status == "存续")
        // The same 字号 with the industry worded differently but in the same 大类: still blocked.
        let read = try #require(try await store.dossier(entity.code))
        #expect(read.entity.name == entity.name)
    }

    @Test func aFreshNameIsAvailable() async throws {
        let desk = try await Self.desk()
        let request = try NameDesk<SQLiteRegistryStore>.request(name: "长沙市紫霞蔚蓝软件开发有限公司", type: "llc", industry: "6513", authority: "430104")
        let result = try await desk.check(request)
        #expect(result.verdict == .available, "\(result.findings.map(\.rule)) \(result.conflicts.map { ($0.rule, $0.existing.name) })")
    }

    @Test func invalidFieldsAreAllReported() {
        #expect(throws: NameDeskError.invalidRequest([
            .init(field: "name", message: "the name is empty"),
            .init(field: "type", message: "unknown entity type “ltd”; one of llc, joint-stock, partnership, sole-proprietorship, individual, cooperative, branch"),
            .init(field: "industry", message: "“99999” is not a GB/T 4754-2017 code"),
            .init(field: "authority", message: "“430199” is not the six-digit code of a current region"),
        ])) {
            try NameDesk<SQLiteRegistryStore>.request(name: " ", type: "ltd", industry: "99999", authority: "430199")
        }
    }
}

/// Reservations through the desk with an injected clock: they hold the name, then stop counting at expiry.
struct NameReservationClockTests {
    final class Clock: Sendable {
        let day = Mutex(CalendarDate(year: 2026, month: 11, day: 27)!)
        var today: CalendarDate { day.withLock { $0 } }
    }

    @Test func aReservationExpiresByTheInjectedClock() async throws {
        let clock = Clock()
        let store = try await TemporaryStore.make()
        let desk = NameDesk(store: store, today: { clock.today })
        let request = try NameDesk<SQLiteRegistryStore>.request(name: "长沙紫霞软件开发有限公司", type: "llc", industry: "6513", authority: "430104")
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
