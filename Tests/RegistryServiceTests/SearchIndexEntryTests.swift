import Foundation
import RegistryCore
import RegistryStore
import Testing

/// The search entry a completion's plan prepares is what the index would have computed from the names.
struct SearchIndexEntryTests {
    @Test(arguments: [["长沙云图湾网络科技有限公司"], ["湖南ABC123贸易有限公司", "湖南阿比西贸易有限公司"], ["长沙市开福区张记小吃店"], ["“引号”\\斜杠商行"]])
    func countedTermsAreTheDocumentsTerms(_ names: [String]) throws {
        let entry = SearchIndexEntry(names: names)
        #expect(entry.document == SearchText.document(names: names))
        #expect(entry.bigramTokens == SearchText.bigramTokens(ofDocument: entry.document))
        let terms = try JSONDecoder().decode([String].self, from: Data(entry.countedTermsJSON.utf8))
        #expect(Set(terms) == SearchText.countedTerms(ofDocument: entry.document))
        #expect(terms.count == Set(terms).count)
        let phrases = try JSONDecoder().decode([String].self, from: Data(entry.phraseTermsJSON.utf8))
        #expect(Set(phrases) == SearchText.phraseTerms(ofDocument: entry.document) && phrases.count == Set(phrases).count)
        #expect(entry == SearchIndexEntry(document: entry.document))
    }

    @Test func aDraftsEntryIsItsRegisteredDossiersEntry() throws {
        let draft = ContractFixtures.draft(index: 3, zihao: "星河")
        let dossier = draft.dossier(code: try CodeAllocator.creditCode(type: draft.type, authority: draft.authority, sequence: 3))
        #expect(draft.searchEntry == SearchIndexEntry(names: dossier.names.map(\.name)))
    }
}
