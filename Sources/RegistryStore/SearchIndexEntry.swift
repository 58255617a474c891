import RegistryCore

/// What the search index stores for an entity's names, as text: a pure function of the names, so a completion's
/// plan computes it outside the single writer along with the draft (`CompletionPlan.searchEntry`).
public struct SearchIndexEntry: Sendable, Equatable {
    /// Every name, marked (`SearchText.document`).
    public let document: String
    /// The short-query index's tokens (`SearchText.bigramTokens`).
    public let bigramTokens: String
    /// The counted terms (`SearchText.countedTerms`) as a JSON array of strings, in code-point order.
    public let countedTermsJSON: String

    /// The entry of an entity with these names (oldest first).
    public init(names: [String], tables: HanTables = .standard) {
        self.init(document: SearchText.document(names: names, tables: tables))
    }

    /// The entry of a document.
    public init(document: String) {
        self.document = document
        bigramTokens = SearchText.bigramTokens(ofDocument: document)
        countedTermsJSON = Self.jsonArray(SearchText.countedTerms(ofDocument: document).sorted())
    }

    /// `terms` as a JSON array of strings (search terms are folded letters and digits; quotes, backslashes and
    /// control characters are escaped all the same).
    public static func jsonArray(_ terms: some Sequence<String>) -> String {
        var json = "["
        for term in terms {
            if json.utf8.count > 1 { json += "," }
            json += "\""
            for scalar in term.unicodeScalars {
                switch scalar {
                case "\"": json += "\\\""
                case "\\": json += "\\\\"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: json.unicodeScalars.append(scalar)
                }
            }
            json += "\""
        }
        return json + "]"
    }
}
