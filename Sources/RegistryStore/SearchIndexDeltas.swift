import RegistryCore

/// The net change to the search index's document frequencies over a batch of documents added and removed
/// (`search_term_counts`, `search_phrase_counts`): one count per term for the whole batch instead of one per
/// document, so a batch touches each count row once. A pure value; the backends write it.
public struct SearchIndexDeltas: Sendable {
    private var terms: [SearchText.PackedTerm: Int] = [:]
    private var phrases: [SearchText.PackedPhrase: Int] = [:]

    public init() {}

    /// Counts the terms and phrases of a document added to the index.
    public mutating func add(document: String) { count(document, by: 1) }

    /// Counts the terms and phrases of a document removed from the index.
    public mutating func remove(document: String) { count(document, by: -1) }

    private mutating func count(_ document: String, by delta: Int) {
        for term in SearchText.packedTerms(ofDocument: document) { terms[term, default: 0] += delta }
        for phrase in SearchText.packedPhrases(ofDocument: document) { phrases[phrase, default: 0] += delta }
    }

    /// Whether no document was counted.
    public var isEmpty: Bool { terms.isEmpty && phrases.isEmpty }

    /// Every counted term with its net change, as a JSON object in term order (a term added and removed again
    /// keeps its key with 0, as one addition and one removal would have left its row).
    public var termsJSON: String { Self.json(terms) { $0.appendUTF8(to: &$1) } }

    /// Every 5- and 6-character phrase with its net change, as a JSON object in phrase order.
    public var phrasesJSON: String { Self.json(phrases) { $0.appendUTF8(to: &$1) } }

    private static func json<Packed: Comparable>(_ deltas: [Packed: Int], appendUTF8: (Packed, inout [UInt8]) -> Void) -> String {
        var json: [UInt8] = [UInt8(ascii: "{")]
        var text: [UInt8] = []
        for (index, (packed, delta)) in deltas.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            text.removeAll(keepingCapacity: true)
            appendUTF8(packed, &text)
            JSONArrays.appendString(text, to: &json)
            json.append(UInt8(ascii: ":"))
            json.append(contentsOf: String(delta).utf8)
        }
        json.append(UInt8(ascii: "}"))
        return String(decoding: json, as: UTF8.self)
    }
}
