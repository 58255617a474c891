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

    /// The entry of an entity with these names (oldest first).
    public init(names: [String], tables: HanTables = .standard) {
        self.init(document: SearchText.document(names: names, tables: tables))
    }

    /// The entry of a document.
    public init(document: String) {
        self.document = document
        bigramTokens = SearchText.bigramTokens(ofDocument: document)
        // Straight from the packed terms: no string per term (a completion's plan builds this for every new name).
        var json: [UInt8] = [UInt8(ascii: "[")]
        var scalars = String.UnicodeScalarView(), term: [UInt8] = []
        for (index, packed) in SearchText.packedTerms(ofDocument: document).sorted().enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            scalars.removeAll(keepingCapacity: true)
            packed.appendScalars(to: &scalars)
            term.removeAll(keepingCapacity: true)
            for scalar in scalars { UTF8.encode(scalar) { term.append($0) } }
            JSONArrays.appendString(term, to: &json)
        }
        json.append(UInt8(ascii: "]"))
        countedTermsJSON = String(decoding: json, as: UTF8.self)
    }
}
