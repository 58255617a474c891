import Foundation
import RegistryCore
import RegistryStore
import Testing

/// A batch's net changes to the search index's term and phrase counts are the sums of its documents' own.
struct SearchIndexDeltasTests {
    static func decode(_ json: String) throws -> [String: Int] {
        try JSONDecoder().decode([String: Int].self, from: Data(json.utf8))
    }

    @Test(arguments: [["长沙云图湾网络科技有限公司"], ["湖南ABC123贸易有限公司", "湖南阿比西贸易有限公司"], ["长沙市开福区张记小吃店"], ["“引号”\\斜杠商行"]])
    func oneDocumentCountsEachOfItsTermsOnce(_ names: [String]) throws {
        let document = SearchText.document(names: names)
        var deltas = SearchIndexDeltas()
        deltas.add(document: document)
        let terms = try Self.decode(deltas.termsJSON)
        #expect(Set(terms.keys) == SearchText.countedTerms(ofDocument: document) && terms.values.allSatisfy { $0 == 1 })
        let phrases = try Self.decode(deltas.phrasesJSON)
        #expect(Set(phrases.keys) == SearchText.phraseTerms(ofDocument: document) && phrases.values.allSatisfy { $0 == 1 })
    }

    @Test func aBatchSumsItsDocumentsAndKeepsWhatCancelsOut() throws {
        let first = SearchText.document(names: ["长沙云图湾网络科技有限公司"])
        let second = SearchText.document(names: ["长沙云帆网络科技有限公司"])
        var deltas = SearchIndexDeltas()
        #expect(deltas.isEmpty && deltas.termsJSON == "{}")
        deltas.add(document: first)
        deltas.add(document: second)
        deltas.remove(document: first)
        let terms = try Self.decode(deltas.termsJSON)
        #expect(terms["网络科"] == 1, "in both added, one removed")
        #expect(terms["云图湾"] == 0, "added and removed: kept with 0, as the two writes one at a time would leave it")
        #expect(Set(terms.keys) == SearchText.countedTerms(ofDocument: first).union(SearchText.countedTerms(ofDocument: second)))
    }

    @Test func aDraftsDocumentIsItsRegisteredDossiersDocument() throws {
        let draft = ContractFixtures.draft(index: 3, zihao: "星河")
        let dossier = draft.dossier(code: try CodeAllocator.creditCode(type: draft.type, authority: draft.authority, sequence: 3))
        #expect(draft.searchDocument == SearchText.document(names: dossier.names.map(\.name)))
    }
}
