import Foundation
import RegistryCore
import RegistryPostgres
import RegistryService
import RegistrySQLite
import RegistryStore
import RegistryTestSupport
import Testing

/// PostgreSQL search returns what SQLite search returns — the same entities, tiers, order, totals and cursors —
/// on the same seeded registry (SQLite's search is itself checked against a brute-force scan), before and after
/// renames and status changes.
@Suite(.enabled(if: PostgresTestDatabase.enabled, "PostgreSQL suites skipped: set YIZHAO_TEST_POSTGRES to a server URL"))
struct PostgresSearchParityTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 27)!

    static func sqliteStore() async throws -> SQLiteRegistryStore {
        let directory = Scratch.directory.appendingPathComponent("yizhao-parity-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteRegistryStore(path: directory.appendingPathComponent("parity.db").path, searchCacheCapacity: 0)
        try await store.migrate()
        return store
    }

    /// Random substrings (2–6 characters) of seeded names, random character pairs, pinyin and code prefixes.
    static func queries(_ dossiers: [EntityDossier], count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        let alphabet = Array(Set(dossiers.flatMap { $0.names.flatMap { Array(SearchText.normalize($0.name)) } }))
        var result: [String] = []
        while result.count < count {
            let dossier = dossiers.randomElement(using: &random)!
            switch result.count % 6 {
            case 4: result.append(String([alphabet.randomElement(using: &random)!, alphabet.randomElement(using: &random)!]))
            case 5:
                let pinyin = HanTables.standard.pinyinKey(dossier.entity.nameParts.zihao)
                result.append(result.count % 12 == 5 ? HanTables.standard.initialsKey(dossier.entity.nameParts.zihao) : pinyin)
            default:
                if result.count % 17 == 0 { result.append(String(dossier.entity.code.rawValue.prefix(Int.random(in: 2...10, using: &random)))); continue }
                let name = Array(SearchText.normalize(dossier.names.randomElement(using: &random)!.name))
                let length = Int.random(in: 2...6, using: &random)
                guard name.count >= length else { continue }
                let start = Int.random(in: 0...(name.count - length), using: &random)
                result.append(String(name[start..<(start + length)]))
            }
        }
        return result
    }

    /// Compares every page (or the first) of one search; returns how many hits were compared.
    @discardableResult
    static func expectSamePages(_ text: String, filters: SearchFilters = SearchFilters(), sqlite: SQLiteRegistryStore,
                                postgres: PostgresRegistryStore, allPages: Bool) async throws -> Int {
        var compared = 0
        var cursor: String?
        var page = 0
        repeat {
            let query = try SearchQuery(text: text, filters: filters, cursor: cursor, limit: allPages ? 50 : 20)
            let expected = try await sqlite.search(query)
            let actual = try await postgres.search(query)
            #expect(actual.hits.map(\.code) == expected.hits.map(\.code), "“\(text)” page \(page): the same entities in the same order")
            #expect(actual.hits.map(\.tier) == expected.hits.map(\.tier), "“\(text)” page \(page): the same tiers")
            #expect(actual.hits == expected.hits, "“\(text)” page \(page): the same hits")
            compared += expected.hits.count
            #expect(actual.total == expected.total && actual.totalIsEstimate == expected.totalIsEstimate,
                    "“\(text)” page \(page): total \(actual.total)/\(actual.totalIsEstimate) vs SQLite \(expected.total)/\(expected.totalIsEstimate)")
            #expect(actual.nextCursor == expected.nextCursor, "“\(text)” page \(page): the same cursor")
            cursor = allPages ? expected.nextCursor?.token(fingerprint: query.fingerprint) : nil
            page += 1
        } while cursor != nil && page < 400
        return compared
    }

    @Test func theSameRegistryGivesTheSameResultsOnBothBackends() async throws {
        let sqlite = try await Self.sqliteStore()
        try await PostgresTestDatabase.withStore { postgres in
            try await RegistrySeeder(store: sqlite).seed(count: 3_000, seed: 7, today: Self.today)
            try await RegistrySeeder(store: postgres).seed(count: 3_000, seed: 7, today: Self.today)
            let dossiers = SyntheticRegistry(count: 3_000, seed: 7, today: Self.today).dossiers(0..<3_000)
            var compared = 0
            for (index, text) in Self.queries(dossiers, count: 240, seed: 3).enumerated() {
                compared += try await Self.expectSamePages(text, sqlite: sqlite, postgres: postgres, allPages: index % 20 == 0)
            }
            #expect(compared > 2_000, "the queries find something to compare (\(compared) hits)")
            for text in ["长沙", "有限公司", "湖南", "商行"] {
                try await Self.expectSamePages(text, filters: try SearchFilters(region: "4301", status: nil, type: nil, section: nil), sqlite: sqlite, postgres: postgres, allPages: false)
                try await Self.expectSamePages(text, filters: try SearchFilters(region: nil, status: "注销", type: nil, section: nil), sqlite: sqlite, postgres: postgres, allPages: false)
                try await Self.expectSamePages(text, filters: try SearchFilters(region: nil, status: nil, type: "individual", section: "F"), sqlite: sqlite, postgres: postgres, allPages: false)
            }
            // The same renames and status changes on both: the old names stay findable, closed entities rank last.
            for dossier in dossiers.prefix(40) where dossier.entity.status.isActive {
                let code = dossier.entity.code
                let parts = NameParts(region: "长沙", zihao: "紫霞" + dossier.entity.nameParts.zihao, industry: dossier.entity.nameParts.industry,
                                      form: dossier.entity.nameParts.form)
                let name = parts.region + parts.zihao + parts.industry + parts.form
                _ = try await sqlite.rename(code, to: name, parts: parts, on: Self.today)
                _ = try await postgres.rename(code, to: name, parts: parts, on: Self.today)
            }
            for dossier in dossiers.dropFirst(40).prefix(40) where dossier.entity.status.isActive {
                _ = try await sqlite.changeStatus(dossier.entity.code, to: .deregistered, on: Self.today)
                _ = try await postgres.changeStatus(dossier.entity.code, to: .deregistered, on: Self.today)
            }
            for text in ["紫霞", "长沙市"] { try await Self.expectSamePages(text, sqlite: sqlite, postgres: postgres, allPages: false) }
            // Reading the feed runs the sequencer, which folds the term-frequency deltas into their counts: totals stay.
            _ = try await postgres.changes(after: 0, limit: 1)
            var changed = ["紫霞", "紫霞长沙"]
            for dossier in dossiers.prefix(80) { changed.append(String(SearchText.normalize(dossier.entity.name).prefix(4))) }
            for text in changed { try await Self.expectSamePages(text, sqlite: sqlite, postgres: postgres, allPages: true) }
        }
    }
}
