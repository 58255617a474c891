import Foundation
import GRDB
import RegistryCore
import RegistryService
@testable import RegistrySQLite
import RegistryStore
import Testing

/// Ended names are found by the keys a check looks up (`former_name_keys`, migration 0008): the same candidates, in
/// the same order, as reading every ended name of the authority.
struct FormerNameKeysTests {
    static let today = TemporaryStore.today

    /// A registry of `count` synthetic entities (renamed ones among them), then `renames` renames of current names.
    static func registry(_ count: Int, renames: Int) async throws -> SQLiteRegistryStore {
        let store = try await TemporaryStore.make("former")
        try await store.importDossiers(SyntheticRegistry(count: count, seed: 5, today: today).dossiers(0..<count))
        let codes = try await store.pool.read { db in try String.fetchAll(db, sql: "SELECT code FROM entities WHERE status = '存续' ORDER BY id LIMIT ?", arguments: [renames]) }
        for (index, code) in codes.enumerated() {
            let zihao = ["新", "华", "远", "航"][index % 4] + ["兴", "达", "通", "瑞"][(index / 4) % 4] + String(Character(Unicode.Scalar(0x4E00 + index)!))
            let parts = NameParts(region: "长沙", zihao: zihao, industry: "科技", form: "有限公司")
            _ = try await store.rename(try CreditCode(validating: code), to: "长沙\(zihao)科技有限公司", parts: parts, on: today.adding(days: -30))
        }
        return store
    }

    /// Another common character read like `character` (same toneless pinyin), if there is one.
    static let homophones: [String: [Character]] = {
        var byPinyin: [String: [Character]] = [:]
        for value in 0x4E00...0x6FFF {
            let character = Character(Unicode.Scalar(value)!)
            byPinyin[HanTables.standard.pinyinKey(String(character)), default: []].append(character)
        }
        return byPinyin
    }()

    static func homophone(of zihao: String) -> String? {
        guard let first = zihao.first, let other = homophones[HanTables.standard.pinyinKey(String(first))]?.first(where: { $0 != first }) else {
            return nil
        }
        return String(other) + zihao.dropFirst()
    }

    /// Queries for names related to ended ones: each ended name itself, its 字号 in another industry, the 字号's first
    /// two characters, the 字号 with a character added, a homophone of the 字号, and a current name.
    static func queries(_ store: SQLiteRegistryStore) async throws -> [NameCandidateQuery] {
        let rows = try store.pool.read { db in  // Row is not Sendable: the synchronous read
            try Row.fetchAll(db, sql: """
                SELECT h.name, h.zihao, h.authority, e.industry_code FROM name_history h JOIN entities e ON e.id = h.entity_id
                WHERE h.valid_to IS NOT NULL OR h.entity_id % 17 = 0 ORDER BY h.entity_id, h.valid_from LIMIT 400
                """)
        }
        var queries: [NameCandidateQuery] = []
        for row in rows {
            let name: String = row[0], zihao: String = row[1]
            guard let authority = RegionCode(row[2] as String), let industry = IndustryCode(row[3] as String) else { continue }
            let proposals = [name, "长沙\(zihao)餐饮有限公司", "长沙\(String(zihao.prefix(2)))软件有限公司", "长沙\(zihao)鑫贸易有限公司"]
                + (homophone(of: zihao).map { ["长沙\($0)餐饮有限公司"] } ?? [])
            for proposal in proposals {
                let parsed = EnterpriseNameParser.standard.parse(proposal, authority: authority.value)
                queries.append(NameCandidateQuery(parsed: parsed, industry: industry, authority: authority, today: today, policy: .standard))
            }
        }
        return queries
    }

    @Test func lookupsFindWhatTheWholeRangeFinds() async throws {
        let store = try await Self.registry(3_000, renames: 60)
        let queries = try await Self.queries(store)
        #expect(queries.count > 400)
        let found = try await store.pool.read { db in
            var found = 0
            for query in queries {
                let byKeys = try NameCandidateReader.formerNames(db, query)
                let byRange = try NameCandidateReader.formerNames(db, query, byKeys: false)
                #expect(byKeys == byRange, "\(query.nameKey): \(byKeys.count) by keys, \(byRange.count) by range")
                found += byRange.count
            }
            return found
        }
        #expect(found > 100, "the queries relate to ended names in the cooldown year")
    }

    @Test func migration0008IndexesARegistryMadeBeforeIt() async throws {
        let store = try await Self.registry(1_500, renames: 20)
        let written = try await Self.keys(store)
        #expect(written.count > 100)
        try await store.pool.write { db in
            try db.execute(sql: "DROP TABLE former_name_keys; DELETE FROM grdb_migrations WHERE identifier = '0008-create-former-name-keys'")
        }
        let reopened = try SQLiteRegistryStore(path: store.path)
        try await reopened.migrate()
        #expect(try await Self.keys(reopened) == written, "the migration stores the keys the writes stored")
    }

    static func keys(_ store: SQLiteRegistryStore) async throws -> [String] {
        try await store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM former_name_keys ORDER BY 1, 2, 3, 4, 5").map { row in
                (0..<5).map { String(describing: row[$0] as DatabaseValue) }.joined(separator: "|")
            }
        }
    }
}
