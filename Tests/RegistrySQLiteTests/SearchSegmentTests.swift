import Foundation
import RegistryCore
import RegistrySQLite
import RegistryStore
import Testing

/// Every write transaction adds segments to the FTS5 indexes; merging them back changes no search result.
struct SearchSegmentTests {
    /// Every hit's code, tier and key, and the total, over all pages of `text`.
    static func results(_ store: SQLiteRegistryStore, _ text: String) async throws -> [String] {
        var lines: [String] = []
        var cursor: String?
        repeat {
            let query = try SearchQuery(text: text, cursor: cursor, limit: 7)
            let page = try await store.search(query)
            lines += page.hits.map { "\($0.code.rawValue) \($0.tier) \($0.key)" } + ["total \(page.total)"]
            cursor = page.nextCursor?.token(fingerprint: query.fingerprint)
        } while cursor != nil
        return lines
    }

    @Test func segmentsMergeBackWithTheSameResults() async throws {
        let store = try await TemporaryStore.make("segments")
        // (A bulk load this small is one segment with or without the seed's `optimize`: what that gains is measured in
        // docs/PERFORMANCE.md; the search tests run on bulk-loaded stores, so it changes no result.)
        try await store.importDossiers(PhraseCountTests.dossiers(300))
        let alphabet = Array("东南西北春夏秋冬金木水火土风云雷电山川河海")
        for index in 0..<40 {  // one transaction each: two segments each
            let zihao = String([alphabet[index % 20], alphabet[(index / 20 + index) % 20]])
            _ = try await store.register(ContractFixtures.draft(index: 2_000 + index, zihao: zihao))
        }
        let queries = ["软件", "软件有限公司", "长沙", "有限公司", "东南", "云雷软件", "甲乙"]
        var before: [String: [String]] = [:]
        for query in queries { before[query] = try await Self.results(store, query) }
        let steps = try await store.mergeSearchSegments(pause: .zero)
        #expect(steps > 0)
        #expect(try await store.mergeSearchSegments(pause: .zero) == 0, "one segment per index is left")
        for query in queries {
            let after = try await Self.results(store, query)
            #expect(after == before[query], "query \(query)")
            #expect(after.count > 1, "query \(query) finds something")
        }
    }
}
