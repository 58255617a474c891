import Foundation
import GRDB
import RegistryCore
@testable import RegistrySQLite
import RegistryStore
import Testing

/// Common 5- and 6-character phrases have their document counts stored (`search_phrase_counts`), so that their
/// exact totals cost one lookup; every later write keeps them exact.
struct PhraseCountTests {
    /// `count` software companies with distinct three-character 字号: 软件有限公司 and its five-character parts are
    /// in every name, so common enough to be counted.
    static func dossiers(_ count: Int) -> [EntityDossier] {
        let alphabet = Array("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥")
        return (0..<count).map { index in
            let zihao = String([alphabet[index % 22], alphabet[(index / 22) % 22], alphabet[(index / 484) % 22]])
            return ContractFixtures.named("长沙\(zihao)软件有限公司", index: index, industry: "6513")
        }
    }

    /// Documents holding `phrase`, by scanning them all.
    static func scanned(_ store: SQLiteRegistryStore, _ phrase: String) async throws -> Int {
        try await store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM search_documents WHERE instr(document, ?) > 0", arguments: [phrase]) ?? 0
        }
    }

    static func stored(_ store: SQLiteRegistryStore) async throws -> [String: Int] {
        try await store.pool.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT term, documents FROM search_phrase_counts").map {
                ($0[0] as String, $0[1] as Int)
            })
        }
    }

    @Test func phrasesAreTheFiveAndSixCharacterRunsBetweenMarkers() {
        let document = SearchText.document(names: ["长沙红光软件有限公司"], tables: .standard)
        let phrases = SearchText.phraseTerms(ofDocument: document)
        #expect(phrases.contains("软件有限公司") && phrases.contains("件有限公司") && phrases.contains("长沙红光软件"))
        #expect(phrases.allSatisfy { (5...6).contains($0.unicodeScalars.count) && !$0.unicodeScalars.contains(SearchText.marker) })
        #expect(phrases.count == 6 + 5, "a 10-character name has 6 five- and 5 six-character runs: \(phrases.sorted())")
    }

    @Test func commonPhrasesAreCountedAndStayExactThroughWrites() async throws {
        let store = try await TemporaryStore.make("phrases")
        try await store.importDossiers(Self.dossiers(600))
        var stored = try await Self.stored(store)
        #expect(stored["软件有限公司"] == 600 && stored["件有限公司"] == 600 && stored["软件有限公"] == 600)
        #expect(stored.values.allSatisfy { $0 >= SearchText.PhraseCounter.commonDocuments }, "rare phrases are not stored: \(stored.count)")
        // Registrations, a rename away from the phrase, a closure: each moves the stored counts with it.
        for index in 0..<3 { _ = try await store.register(ContractFixtures.draft(index: 1_001 + index, zihao: "新\(["一", "二", "三"][index])")) }
        let first = try #require(try await store.search(try SearchQuery(text: "软件有限公司")).hits.first)
        _ = try await store.rename(first.code, to: "长沙紫云科技有限公司",
                                   parts: NameParts(region: "长沙", zihao: "紫云", industry: "科技", form: "有限公司"), on: ContractFixtures.day)
        let second = try #require(try await store.search(try SearchQuery(text: "软件有限公司")).hits.first)
        _ = try await store.changeStatus(second.code, to: .deregistered, on: ContractFixtures.day)
        stored = try await Self.stored(store)
        for phrase in ["软件有限公司", "件有限公司", "软件有限公"] {
            let expected = try await Self.scanned(store, phrase)
            let page = try await store.search(try SearchQuery(text: phrase))
            #expect(stored[phrase] == expected, "\(phrase): stored \(String(describing: stored[phrase])), documents \(expected)")
            #expect(page.total == expected && !page.totalIsEstimate, "\(phrase): total \(page.total) of \(expected)")
        }
        #expect(try await Self.scanned(store, "软件有限公司") == 603, "600 + 3 registered (a renamed entity's document keeps its former name)")
    }

    @Test func migration0007CountsARegistryIndexedBeforeIt() async throws {
        let store = try await TemporaryStore.make("phrases")
        try await store.importDossiers(Self.dossiers(600))
        let seeded = try await Self.stored(store)
        #expect(!seeded.isEmpty)
        try await store.pool.write { db in
            try db.execute(sql: "DROP TABLE search_phrase_counts; DELETE FROM grdb_migrations WHERE identifier = '0007-create-phrase-counts'")
        }
        let reopened = try SQLiteRegistryStore(path: store.path)
        try await reopened.migrate()
        #expect(try await Self.stored(reopened) == seeded, "the migration stores the same counts as the seed")
    }
}
