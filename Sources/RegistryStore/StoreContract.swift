import RegistryCore

/// The behaviour every `RegistryStore` backend must show. Test targets run each case against a
/// fresh, migrated, empty store of their backend (`@Test(arguments: StoreContract.caseNames)`).
public enum StoreContract {
    /// A failed expectation, with where it was made.
    public struct Violation: Error, CustomStringConvertible {
        public let description: String
    }

    /// One named case.
    public struct Case: Sendable {
        public let name: String
        public let run: @Sendable (any RegistryStore) async throws -> Void
    }

    /// The names of every case, for parameterised tests.
    public static var caseNames: [String] { cases.map(\.name) }

    /// Runs the case called `name` against `store`.
    public static func run(_ name: String, on store: any RegistryStore) async throws {
        guard let found = cases.first(where: { $0.name == name }) else { throw Violation(description: "no contract case \(name)") }
        try await found.run(store)
    }

    static func expect(_ condition: Bool, _ message: @autoclosure () -> String, line: Int = #line) throws {
        if !condition { throw Violation(description: "StoreContract.swift:\(line): \(message())") }
    }

    public static let cases: [Case] = registryCases + nameCases + applicationCases + changeCases + statusFilingCases + deadlineCases + decisionCases + abnormalListingCases + noticeCases

    static let registryCases: [Case] = [
        Case(name: "migrate is idempotent") { store in
            try await store.migrate()
            try await store.migrate()
            try expect(try await store.entityCount() == 0, "a fresh store is empty")
        },
        Case(name: "imported dossiers read back whole") { store in
            let dossiers = (0..<3).map { ContractFixtures.dossier(index: $0) }
            try await store.importDossiers(dossiers)
            try expect(try await store.entityCount() == 3, "three entities")
            for dossier in dossiers {
                let read = try await store.dossier(dossier.entity.code)
                try expect(read == dossier, "read back equals what was imported: \(String(describing: read)) vs \(dossier)")
            }
        },
        Case(name: "an unknown code has no dossier") { store in
            let code = try CodeAllocator.creditCode(type: .llc, authority: RegionCode(value: 430_104)!, sequence: 999)
            try expect(try await store.dossier(code) == nil, "nil for an unknown code")
            do {
                _ = try await store.changeStatus(code, to: .deregistered, on: ContractFixtures.day)
                try expect(false, "changing an unknown entity must fail")
            } catch let error as StoreError {
                try expect(error == .entityNotFound(code), "entityNotFound, got \(error)")
            }
        },
        Case(name: "a failed import writes nothing") { store in
            let first = ContractFixtures.dossier(index: 0)
            var clash = ContractFixtures.dossier(index: 1)
            clash.entity.code = first.entity.code  // same code twice in one import
            do {
                try await store.importDossiers([first, clash])
                try expect(false, "a duplicate code must be refused")
            } catch is StoreError {}
            try expect(try await store.entityCount() == 0, "nothing written after a failed import")
            let page = try await store.search(try SearchQuery(text: first.entity.nameParts.zihao))
            try expect(page.hits.isEmpty, "nothing indexed after a failed import")
        },
        Case(name: "registration allocates valid, distinct codes past imported ones") { store in
            try await store.importDossiers([ContractFixtures.dossier(index: 40)])
            var codes = Set<String>()
            for index in 0..<25 {
                let dossier = try await store.register(ContractFixtures.draft(index: index))
                let code = dossier.entity.code
                try expect(CreditCodeValidator.standard.validate(code.rawValue).isValid, "allocated code \(code) validates")
                try expect(code.rawValue.hasPrefix(index % 5 == 0 ? "92430104" : "91430104"), "prefix follows type and authority: \(code)")
                let sequence = CodeAllocator.sequence(ofSubjectIdentifier: code.organizationCode.rawValue) ?? -1
                try expect(sequence > 40, "sequence \(sequence) continues after the imported sequence 40")
                try expect(codes.insert(code.rawValue).inserted, "code \(code) is unique")
                try expect(try await store.dossier(code) == dossier, "the registered dossier reads back")
            }
        },
        Case(name: "a rename keeps the former name searchable and issues a license version") { store in
            let original = try await store.register(ContractFixtures.draft(index: 1))
            let code = original.entity.code
            let parts = NameParts(region: "长沙", zihao: "翠羽", industry: "科技", form: "有限公司")
            let renamed = try await store.rename(code, to: "长沙翠羽科技有限公司", parts: parts, on: ContractFixtures.day.adding(days: 40))
            try expect(renamed.entity.name == "长沙翠羽科技有限公司", "new name")
            try expect(renamed.names.count == 2 && renamed.formerNames.first?.name == original.entity.name, "history keeps the old name")
            try expect(renamed.licenses.map(\.version) == [1, 2] && renamed.licenses.last?.name == "长沙翠羽科技有限公司", "license v2")
            let feed = try await store.changes(after: 0, limit: 10)
            try expect(feed.map(\.change) == ["registered", "changed"] && feed.map(\.sequence) == [1, 2] && feed[0].oldValues == nil
                       && feed[1].oldValues != nil && feed[1].newValues.contains("长沙翠羽科技有限公司"), "both changes fed, in order")
            for text in [original.entity.nameParts.zihao, "翠羽", "翠羽科技"] {
                let page = try await store.search(try SearchQuery(text: text))
                try expect(page.hits.map(\.code) == [code], "'\(text)' finds the renamed entity once: \(page.hits.map(\.name))")
            }
        },
        Case(name: "closing an entity keeps it searchable, ranked after active ones") { store in
            let older = try await store.register(ContractFixtures.draft(index: 2, zihao: "青禾", day: 0))
            let newer = try await store.register(ContractFixtures.draft(index: 3, zihao: "青禾", day: 10))
            var page = try await store.search(try SearchQuery(text: "青禾"))
            try expect(page.hits.map(\.code) == [newer.entity.code, older.entity.code], "newest first")
            let closed = try await store.changeStatus(newer.entity.code, to: .deregistered, on: ContractFixtures.day.adding(days: 20))
            try expect(closed.entity.status == .deregistered && closed.entity.statusChangedOn == ContractFixtures.day.adding(days: 20), "status stored")
            page = try await store.search(try SearchQuery(text: "青禾"))
            try expect(page.hits.map(\.code) == [older.entity.code, newer.entity.code], "active before closed")
            page = try await store.search(try SearchQuery(text: "青禾", filters: SearchFilters(region: nil, status: "注销", type: nil, section: nil)))
            try expect(page.hits.map(\.code) == [newer.entity.code], "status filter")
        },
        Case(name: "ranking: exact name, exact 字号, prefix, substring") { store in
            let names: [(String, String)] = [("长沙红光贸易有限公司", "红光"), ("红光贸易有限公司", "红光"), ("湖南红光科技有限公司", "红光"),
                                             ("长沙红光明贸易有限公司", "红光明"), ("红光明科技有限公司", "红光明")]
            var codes: [String: CreditCode] = [:]
            for (index, (name, zihao)) in names.enumerated() {
                codes[name] = try await store.register(ContractFixtures.draft(index: index, name: name, zihao: zihao)).entity.code
            }
            let page = try await store.search(try SearchQuery(text: "红光贸易有限公司"))
            try expect(page.hits.first?.code == codes["红光贸易有限公司"] && page.hits.first?.tier == 1, "exact name first")
            let byZihao = try await store.search(try SearchQuery(text: "红光"))
            try expect(byZihao.hits.prefix(3).allSatisfy { $0.tier == 2 }, "exact 字号 next: \(byZihao.hits.map { ($0.name, $0.tier) })")
            try expect(byZihao.hits.dropFirst(3).map(\.tier) == [3, 4], "then prefix, then substring: \(byZihao.hits.map { ($0.name, $0.tier) })")
            try expect(byZihao.total == 5 && !byZihao.totalIsEstimate, "exact total")
        },
        Case(name: "pagination visits every match exactly once") { store in
            for index in 0..<23 { _ = try await store.register(ContractFixtures.draft(index: index, zihao: "星河", day: index % 4)) }
            var seen: [String] = []
            var cursor: String?
            repeat {
                let query = try SearchQuery(text: "星河", cursor: cursor, limit: 5)
                let page = try await store.search(query)
                seen += page.hits.map(\.code.rawValue)
                cursor = page.nextCursor?.token(fingerprint: query.fingerprint)
            } while cursor != nil
            try expect(seen.count == 23 && Set(seen).count == 23, "23 distinct results, got \(seen.count)")
        },
        Case(name: "pinyin, initials and code prefix") { store in
            let dossier = try await store.register(ContractFixtures.draft(index: 1, name: "湖南微猴科技有限公司", zihao: "微猴"))
            for text in ["weihou", "wh", "WeiHou"] {
                let page = try await store.search(try SearchQuery(text: text))
                try expect(page.hits.map(\.code).contains(dossier.entity.code), "'\(text)' finds 微猴")
            }
            let prefix = String(dossier.entity.code.rawValue.prefix(12))
            let page = try await store.search(try SearchQuery(text: prefix))
            try expect(page.hits.map(\.code) == [dossier.entity.code], "code prefix")
            let exact = try await store.search(try SearchQuery(text: dossier.entity.code.rawValue.lowercased()))
            try expect(exact.hits.map(\.code) == [dossier.entity.code], "exact code, any case")
        },
        Case(name: "traditional characters in queries are folded") { store in
            let dossier = try await store.register(ContractFixtures.draft(index: 1, name: "长沙红光贸易有限公司", zihao: "红光"))
            let page = try await store.search(try SearchQuery(text: "紅光貿易"))
            try expect(page.hits.map(\.code) == [dossier.entity.code], "紅光貿易 finds 红光贸易")
        },
    ]
}
