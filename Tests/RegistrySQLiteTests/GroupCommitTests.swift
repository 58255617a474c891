import Foundation
import GRDB
import RegistryCore
import RegistrySQLite
import RegistryStore
import Testing

/// Group commit: concurrent writes share transactions, yet each stays atomic and a failing one takes no
/// other down with it.
struct GroupCommitTests {
    @Test func failingJobsRollBackAloneInAGroup() async throws {
        let store = try await TemporaryStore.make("group")
        let unknown = try CodeAllocator.creditCode(type: .llc, authority: RegionCode(value: 430_104)!, sequence: 99_999)
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<60 {
                group.addTask {
                    if index % 2 == 0 {
                        _ = try await store.register(ContractFixtures.draft(index: index, zihao: "并发\(index)"))
                        return true
                    }
                    do {
                        _ = try await store.changeStatus(unknown, to: .deregistered, on: ContractFixtures.day)
                        return true
                    } catch let error as StoreError {
                        #expect(error == .entityNotFound(unknown))
                        return false
                    }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 30)
        #expect(try await store.entityCount() == 30)
        let page = try await store.search(try SearchQuery(text: "并发"))
        #expect(page.total == 30)
    }

    /// The FTS5 rows of a group go in together before its commit (insertions in key order; in queued order when
    /// a rename or status change deletes one): concurrent registrations, renames and status changes leave both
    /// FTS5 indexes intact, and every current and former name findable exactly once.
    @Test func groupedSearchIndexWritesStayWhole() async throws {
        let store = try await TemporaryStore.make("fts")
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        func zihao(_ prefix: String, _ index: Int) -> String { prefix + digits[index / 10] + digits[index % 10] }
        let first = try await withThrowingTaskGroup(of: EntityDossier.self) { group in
            for index in 0..<40 { group.addTask { try await store.register(ContractFixtures.draft(index: index, zihao: zihao("原名", index))) } }
            return try await group.reduce(into: [EntityDossier]()) { $0.append($1) }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, dossier) in first.enumerated() {
                group.addTask {
                    let code = dossier.entity.code
                    switch index % 4 {
                    case 0, 1:
                        let new = zihao("新名", index)
                        let parts = NameParts(region: "长沙", zihao: new, industry: "软件", form: "有限公司")
                        _ = try await store.rename(code, to: "长沙\(new)软件有限公司", parts: parts, on: ContractFixtures.day.adding(days: 5))
                    case 2: _ = try await store.changeStatus(code, to: .deregistered, on: ContractFixtures.day.adding(days: 5))
                    default: _ = try await store.register(ContractFixtures.draft(index: 100 + index, zihao: zihao("后来", index)))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.search(try SearchQuery(text: "原名")).total == 40)  // former names stay searchable
        #expect(try await store.search(try SearchQuery(text: "新名")).total == 20)
        #expect(try await store.search(try SearchQuery(text: "后来")).total == 10)
        // The totals come from the term counts; the hits from the FTS5 indexes (bigrams for 2 characters, trigrams
        // for more): every entity once.
        let file = try DatabaseQueue(path: store.path)
        for text in ["原名", "新名", "原名一", "软件有限", "岳麓区"] {
            let expected = try await file.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM search_documents WHERE instr(document, ?) > 0", arguments: [text]) ?? 0
            }
            let hits = try await SearchCorrectnessTests.allPages(store, text).hits.map(\.code)
            #expect(expected > 0 && hits.count == expected && Set(hits).count == expected, "\(text): \(hits.count) hits of \(expected)")
        }
        for index in 0..<40 {
            let text = zihao("原名", index)
            #expect(try await store.search(try SearchQuery(text: text)).total == 1, "\(text)")
        }
        // FTS5's own check: the trigram index against the documents (it raises on a mismatch), the contentless
        // bigram index's structure.
        try await file.write { db in
            try db.execute(sql: "INSERT INTO search_trigrams (search_trigrams, rank) VALUES ('integrity-check', 1)")
            try db.execute(sql: "INSERT INTO search_bigrams (search_bigrams) VALUES ('integrity-check')")
        }
    }
}
