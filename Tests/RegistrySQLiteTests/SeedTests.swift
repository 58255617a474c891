import GRDB
import RegistryCore
import RegistrySQLite
import RegistryService
import RegistryStore
import Testing

/// `yizhao seed`'s generator: deterministic, realistic, refuses to overwrite.
struct SeedTests {
    @Test func theSameSeedGivesTheSameRegistry() async throws {
        let first = SyntheticRegistry(count: 400, seed: 3, today: TemporaryStore.today).dossiers(0..<400)
        let again = SyntheticRegistry(count: 400, seed: 3, today: TemporaryStore.today).dossiers(0..<400)
        let other = SyntheticRegistry(count: 400, seed: 4, today: TemporaryStore.today).dossiers(0..<400)
        #expect(first == again)
        #expect(first.map(\.entity.name) != other.map(\.entity.name))
        // And through the store: what is read back is what was generated.
        let store = try await TemporaryStore.make()
        try await RegistrySeeder(store: store).seed(count: 400, seed: 3, today: TemporaryStore.today)
        let interim = first.filter { $0.entity.status == .suspended || $0.entity.status == .liquidating }
        for dossier in first.prefix(50) + interim { #expect(try await store.dossier(dossier.entity.code) == dossier) }
    }

    @Test func aPopulatedRegistryIsRefusedUnlessErased() async throws {
        let store = try await TemporaryStore.make()
        let seeder = RegistrySeeder(store: store)
        try await seeder.seed(count: 50, seed: 1, today: TemporaryStore.today)
        await #expect(throws: SeedError.self) { try await seeder.seed(count: 50, seed: 1, today: TemporaryStore.today) }
        #expect(try await store.entityCount() == 50)
        try await seeder.seed(count: 70, seed: 2, today: TemporaryStore.today, erase: { () async throws(StoreError) in try await store.eraseRegistry() })
        #expect(try await store.entityCount() == 70)
    }

    @Test func theSyntheticRegistryLooksReal() async throws {
        let dossiers = SyntheticRegistry(count: 4_000, seed: 7, today: TemporaryStore.today).dossiers(0..<4_000)
        let entities = dossiers.map(\.entity)
        // Valid allocator codes, sequence = index.
        for (index, entity) in entities.enumerated() {
            #expect(CodeAllocator.sequence(ofSubjectIdentifier: entity.code.organizationCode.rawValue) == index)
        }
        // Collisions: popular 字号 recur, across industries; homophone 字号 exist.
        var industriesByZihao: [String: Set<String>] = [:]
        for entity in entities { industriesByZihao[entity.nameParts.zihao, default: []].insert(String(entity.industry.rawValue.prefix(2))) }
        let shared = industriesByZihao.values.filter { $0.count >= 2 }.count
        #expect(shared > 50, "字号 in several industries: \(shared)")
        var zihaoByPinyin: [String: Set<String>] = [:]
        for zihao in industriesByZihao.keys { zihaoByPinyin[HanTables.standard.pinyinKey(zihao), default: []].insert(zihao) }
        #expect(zihaoByPinyin.values.filter { $0.count >= 2 }.count > 20, "homophone 字号")
        // The mix of types, forms and statuses.
        let types = Dictionary(grouping: entities, by: \.type).mapValues(\.count)
        #expect(Double(types[.individual] ?? 0) / 4_000 > 0.4)
        #expect((types[.cooperative] ?? 0) > 20 && (types[.branch] ?? 0) > 20 && (types[.partnership] ?? 0) > 20)
        #expect(entities.filter { $0.type == .cooperative }.allSatisfy { $0.name.hasSuffix("专业合作社") })
        #expect(entities.filter { $0.type == .llc }.allSatisfy { $0.name.hasSuffix("有限公司") || $0.name.hasSuffix("有限责任公司") })
        #expect(entities.filter { $0.type == .individual }.allSatisfy { !$0.name.contains("公司") })
        let closed = Double(entities.filter { !$0.status.isActive }.count) / 4_000
        #expect(closed > 0.05 && closed < 0.35, "closed share \(closed)")
        // A few 歇业 (filed since 2022-03-01, ending after today, at most three years) and 清算 (not 个体工商户 or branches).
        let today = TemporaryStore.today
        let suspended = entities.filter { $0.status == .suspended }
        #expect(suspended.count > 4 && suspended.count < 60, "歇业: \(suspended.count)")
        for entity in suspended {
            let started = try #require(entity.statusChangedOn)
            let until = try #require(entity.suspendedUntil)
            #expect(started >= CalendarDate(year: 2022, month: 3, day: 1)! && started < today && started > entity.establishedOn)
            #expect(until > today && until < started.adding(months: 36))
        }
        let liquidating = entities.filter { $0.status == .liquidating }
        #expect(liquidating.count > 6 && liquidating.count < 80, "清算: \(liquidating.count)")
        #expect(liquidating.allSatisfy { $0.type != .individual && $0.type != .branch && $0.suspendedUntil == nil })
        #expect(liquidating.allSatisfy { ($0.statusChangedOn ?? today) < today && ($0.statusChangedOn ?? today) > $0.establishedOn })
        #expect(entities.filter { $0.status != .suspended }.allSatisfy { $0.suspendedUntil == nil })
        let renamed = Double(dossiers.filter { $0.names.count > 1 }.count) / 4_000
        #expect(renamed > 0.01 && renamed < 0.1, "renamed share \(renamed)")
        #expect(dossiers.contains { $0.licenses.count > 1 })
        // Historical authorities: 宁乡县 codes before 2017.
        #expect(entities.contains { $0.authority.value == 430_124 && $0.establishedOn.year < 2017 })
        #expect(!entities.contains { $0.authority.value == 430_182 && $0.establishedOn.year < 2017 })
        // Parts add up to the name.
        for entity in entities where !entity.nameParts.region.hasPrefix("（") {
            let parts = entity.nameParts
            #expect(entity.name == parts.region + parts.zihao + parts.industry + parts.form)
        }
    }
}
