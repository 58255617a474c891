import Foundation
import GRDB
import RegistryCore
@testable import RegistrySQLite
import RegistryStore
import Testing

/// Writes queue their search entries (`SearchIndexQueue`); a store that indexes in batches takes them in later, and
/// ends with the very index a store that indexes in each write has.
struct SearchIndexQueueTests {
    /// Every row of the search index's own tables, as text.
    static func indexRows(_ store: SQLiteRegistryStore) async throws -> [String] {
        try await store.pool.read { db in
            try ["SELECT search_key, document FROM search_documents ORDER BY search_key",
                 "SELECT term, documents FROM search_term_counts ORDER BY term",
                 "SELECT term, documents FROM search_phrase_counts ORDER BY term"].flatMap { sql in
                try Row.fetchAll(db, sql: sql).map { "\($0[0] as DatabaseValue) \($0[1] as DatabaseValue)" }
            }
        }
    }

    /// The same writes on `store`: registrations, a rename and a closure of imported entities, and a rename and a
    /// closure of entities registered but still queued (their removals must meet their additions in order: in a later
    /// batch with small batches, in the same batch with one batch for everything).
    static func write(_ store: SQLiteRegistryStore) async throws -> [CreditCode] {
        let imported = PhraseCountTests.dossiers(600)
        try await store.importDossiers(imported)
        let alphabet = Array("东南西北春夏秋冬金木水火土风云雷电山川河海")
        var registered: [CreditCode] = []
        for index in 0..<30 {
            let zihao = String([alphabet[index % 21], alphabet[(index / 21 + index + 3) % 21]])
            registered.append(try await store.register(ContractFixtures.draft(index: 3_000 + index, zihao: zihao)).entity.code)
        }
        let parts = NameParts(region: "长沙", zihao: "紫云", industry: "科技", form: "有限公司")
        _ = try await store.rename(imported[5].entity.code, to: "长沙紫云科技有限公司", parts: parts, on: ContractFixtures.day)
        _ = try await store.changeStatus(imported[9].entity.code, to: .deregistered, on: ContractFixtures.day)
        _ = try await store.rename(registered[2], to: "长沙青岚科技有限公司",
                                   parts: NameParts(region: "长沙", zihao: "青岚", industry: "科技", form: "有限公司"), on: ContractFixtures.day)
        _ = try await store.changeStatus(registered[4], to: .deregistered, on: ContractFixtures.day)
        return registered
    }

    @Test(arguments: [(7, 6), (4_096, 1)])
    func batchesEndWithTheIndexThatEachWriteKeeps(_ limit: Int, _ expectedBatches: Int) async throws {
        let each = try await TemporaryStore.make("each")
        let batched = try await TemporaryStore.make("batched", searchIndexing: .batched)
        let codes = try await Self.write(each)
        #expect(try await Self.write(batched) == codes, "the same writes allocate the same codes")
        #expect(try await each.searchIndexBacklog() == 0, "each write indexed itself")
        #expect(try await batched.searchIndexBacklog() == 30 + 2 + 1 + 2 + 1 + 2, "an addition per registration, a removal and an addition per rename and closure")
        let renamed = try SearchQuery(text: "紫云科技")
        #expect(try await batched.search(renamed).total == 0, "not searchable before its batch")
        #expect(try await each.search(renamed).total == 1)
        var batches = 0
        while try await batched.indexQueuedSearchEntries(limit: limit) > 0 { batches += 1 }
        let backlog = try await batched.searchIndexBacklog()
        #expect(batches == expectedBatches && backlog == 0)
        let rows = try await Self.indexRows(each)
        #expect(try await Self.indexRows(batched) == rows)
        for text in ["软件", "软件有限公司", "紫云科技", "青岚", "东南", "有限公司", "长沙"] {
            let expected = try await SearchSegmentTests.results(each, text)
            #expect(try await SearchSegmentTests.results(batched, text) == expected, "query \(text)")
        }
    }

    @Test func whatABatchingServerLeftIsIndexedWhenTheRegistryIsNextOpened() async throws {
        let batched = try await TemporaryStore.make("left", searchIndexing: .batched)
        for index in 0..<5 { _ = try await batched.register(ContractFixtures.draft(index: 100 + index, zihao: "星\(["甲", "乙", "丙", "丁", "戊"][index])")) }
        #expect(try await batched.searchIndexBacklog() == 5)
        await batched.close()  // the queue rows committed with the registrations, as at a kill -9 between batches
        let reopened = try SQLiteRegistryStore(path: batched.path)
        try await reopened.migrate()
        #expect(try await reopened.searchIndexBacklog() == 0)
        #expect(try await reopened.search(try SearchQuery(text: "软件")).total == 5)
    }

    @Test func aBatchRetiresCachedSearchPages() async throws {
        let store = try await TemporaryStore.make("cache", searchIndexing: .batched)
        // (A 字号 or a whole name is found through the entities themselves, at once: a substring waits for the index.)
        let query = try SearchQuery(text: "紫云软")
        #expect(try await store.search(query).total == 0)
        _ = try await store.register(ContractFixtures.draft(index: 7, zihao: "紫云"))
        #expect(try await store.search(query).total == 0, "cached again, before the batch")
        #expect(try await store.indexQueuedSearchEntries() == 1)
        #expect(try await store.search(query).total == 1, "the batch retired the cached page")
        #expect(try await store.indexQueuedSearchEntries() == 0)
    }

    @Test func erasingTheRegistryDropsWhatIsQueued() async throws {
        let store = try await TemporaryStore.make("erase", searchIndexing: .batched)
        _ = try await store.register(ContractFixtures.draft(index: 1, zihao: "紫云"))
        #expect(try await store.searchIndexBacklog() == 1)
        try await store.eraseRegistry()
        #expect(try await store.searchIndexBacklog() == 0, "a queued entry would index an entity that is gone")
        #expect(try await store.search(try SearchQuery(text: "软件")).total == 0)
    }
}
