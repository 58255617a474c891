import RegistryCore

/// What the search index stores for an entity's names, as text: a pure function of the names, so a completion's
/// plan computes it outside the single writer along with the draft (`CompletionPlan.searchEntry`).
public struct SearchIndexEntry: Sendable, Equatable {
    /// Every name, marked (`SearchText.document`).
    public let document: String
    /// The short-query index's tokens (`SearchText.bigramTokens`).
    public let bigramTokens: String
    /// The counted terms (`SearchText.countedTerms`) as a JSON array of strings, shorter terms first.
    public let countedTermsJSON: String
    /// The 5- and 6-character phrases (`SearchText.phraseTerms`) as a JSON array of strings; the index counts those
    /// it keeps counts of.
    public let phraseTermsJSON: String

    /// The entry of an entity with these names (oldest first).
    public init(names: [String], tables: HanTables = .standard) {
        self.init(document: SearchText.document(names: names, tables: tables))
    }

    /// The entry of a document.
    public init(document: String) {
        self.document = document
        bigramTokens = SearchText.bigramTokens(ofDocument: document)
        // Straight from the packed terms: no string per term (a completion's plan builds this for every new name).
        countedTermsJSON = Self.json(SearchText.packedTerms(ofDocument: document).sorted()) { $0.appendUTF8(to: &$1) }
        phraseTermsJSON = Self.json(SearchText.packedPhrases(ofDocument: document).sorted()) { $0.appendUTF8(to: &$1) }
    }

    /// A JSON array of the texts of packed terms, in the order given.
    private static func json<Packed>(_ terms: [Packed], appendUTF8: (Packed, inout [UInt8]) -> Void) -> String {
        var json: [UInt8] = [UInt8(ascii: "[")]
        var term: [UInt8] = []
        for (index, packed) in terms.enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            term.removeAll(keepingCapacity: true)
            appendUTF8(packed, &term)
            JSONArrays.appendString(term, to: &json)
        }
        json.append(UInt8(ascii: "]"))
        return String(decoding: json, as: UTF8.self)
    }
}
