extension SearchText {
    /// The lengths of the longer terms whose document frequencies the index keeps, for common phrases only
    /// (贸易有限公司, 长沙市望城区…): counting such a query's matches through the index costs about a microsecond per
    /// match, milliseconds for the common ones.
    public static let phraseLengths = 5...6

    /// The distinct 5- and 6-character sequences (without markers) of a document.
    public static func phraseTerms(ofDocument document: String) -> Set<String> {
        Set(packedPhrases(ofDocument: document).map(\.text))
    }

    /// A phrase of five or six scalars packed into two integers (21 bits per scalar; a sixth scalar of 0 for five:
    /// no document holds U+0000), for counting millions of them.
    public struct PackedPhrase: Hashable, Comparable, Sendable {
        let first: UInt64   // scalars 0, 1, 2
        let second: UInt64  // scalars 3, 4, 5

        init(_ scalars: ArraySlice<UInt32>) {
            let start = scalars.startIndex, count = scalars.count
            func value(_ offset: Int) -> UInt64 { offset < count ? UInt64(scalars[start + offset]) : 0 }
            first = value(0) << 42 | value(1) << 21 | value(2)
            second = value(3) << 42 | value(4) << 21 | value(5)
        }

        /// By scalars (five before six when one begins the other).
        public static func < (left: PackedPhrase, right: PackedPhrase) -> Bool {
            (left.first, left.second) < (right.first, right.second)
        }

        /// The phrase's text.
        public var text: String {
            var bytes: [UInt8] = []
            appendUTF8(to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Appends the phrase's text as UTF-8 to `bytes` (no string: this runs for every phrase of every new name, and
        /// emptying a reused `String.UnicodeScalarView` went through generic code, most of a search entry's time).
        public func appendUTF8(to bytes: inout [UInt8]) {
            for index in 0..<6 {
                let word = index < 3 ? first : second
                let value = UInt32((word >> UInt64(42 - 21 * (index % 3))) & 0x1F_FFFF)
                if value == 0 { return }
                UTF8.encode(Unicode.Scalar(value)!) { bytes.append($0) }
            }
        }
    }

    /// The phrases of a document, packed.
    public static func packedPhrases(ofDocument document: String) -> Set<PackedPhrase> {
        var phrases = Set<PackedPhrase>()
        forEachRun(ofDocument: document, lengths: phraseLengths) { phrases.insert(PackedPhrase($0)) }
        return phrases
    }

    /// Document frequencies of phrases, kept for those common enough to be worth a stored count.
    public struct PhraseCounter: Sendable {
        /// Documents a phrase needs to be counted in the index (fewer: its matches are counted in a fraction of a
        /// millisecond).
        public static let commonDocuments = 500

        private var counts: [PackedPhrase: Int32] = [:]

        /// An empty counter.
        public init() {}

        /// Counts a document's phrases.
        public mutating func add(document: String) {
            for phrase in packedPhrases(ofDocument: document) { counts[phrase, default: 0] += 1 }
        }

        /// The phrases in at least `minimum` documents with their counts, in UTF-8 (SQLite's BINARY) order.
        public func common(minimum: Int = commonDocuments) -> [(term: String, documents: Int)] {
            counts.compactMap { $0.value >= minimum ? ($0.key.text, Int($0.value)) : nil }
                .sorted { $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) }
        }
    }
}
