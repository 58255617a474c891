/// The text form names are indexed under and queries are matched in.
///
/// Full-width ASCII folded to ASCII, Latin lower-cased, traditional and variant characters folded to
/// simplified, and everything but letters and digits (spaces, brackets, punctuation) removed — so
/// `红光（北京）酒業` and `红光北京酒业` index alike.
public enum SearchText {
    /// Separates and delimits names inside an entity's search document (a private-use character no
    /// input can contain after normalisation).
    public static let marker: Unicode.Scalar = "\u{E000}"

    /// The normalised search form of `text`.
    public static func normalize(_ text: String, tables: HanTables = .standard) -> String {
        var scalars = String.UnicodeScalarView()
        for var scalar in text.unicodeScalars {
            if HanTables.range.contains(scalar.value) {  // the common case: a CJK ideograph
                scalars.append(tables.simplified(scalar))
                continue
            }
            if (0xFF01...0xFF5E).contains(scalar.value) { scalar = Unicode.Scalar(scalar.value - 0xFEE0)! }
            let properties = scalar.properties
            guard properties.isAlphabetic || properties.numericType != nil, properties.generalCategory != .privateUse else { continue }
            if (0x41...0x5A).contains(scalar.value) { scalar = Unicode.Scalar(scalar.value + 0x20)! }
            scalars.append(tables.simplified(scalar))
        }
        return String(scalars)
    }

    /// The search document of an entity: every name, each preceded by the marker, closed by one.
    /// `marker + q` finds names that start with `q`; `marker + q + marker` finds names equal to `q`.
    public static func document(names: [String], tables: HanTables = .standard) -> String {
        var document = String.UnicodeScalarView()
        for name in names {
            document.append(marker)
            document.append(contentsOf: normalize(name, tables: tables).unicodeScalars)
        }
        document.append(marker)
        return String(document)
    }

    /// The distinct two-character sequences of a document that hold no marker (the short-query index).
    public static func bigrams(ofDocument document: String) -> Set<String> {
        Set(packedBigrams(ofDocument: document).map(bigramText))
    }

    /// The same bigrams packed as `first << 21 | second` (scalar values): cheap to hash and sort.
    public static func packedBigrams(ofDocument document: String) -> Set<UInt64> {
        var result = Set<UInt64>()
        var previous: UInt32 = marker.value
        for scalar in document.unicodeScalars {
            if previous != marker.value && scalar != marker { result.insert(UInt64(previous) << 21 | UInt64(scalar.value)) }
            previous = scalar.value
        }
        return result
    }

    /// The bigrams of a document as the short-query index stores them: space-separated tokens.
    /// Repeats are harmless (the index records documents, not counts) and the text is a pure function
    /// of the document, so a removal can supply it again.
    public static func bigramTokens(ofDocument document: String) -> String {
        var tokens = String.UnicodeScalarView()
        var previous = marker
        for scalar in document.unicodeScalars {
            if previous != marker && scalar != marker {
                if !tokens.isEmpty { tokens.append(" ") }
                tokens.append(previous)
                tokens.append(scalar)
            }
            previous = scalar
        }
        return String(tokens)
    }

    /// The text of a packed bigram.
    public static func bigramText(_ packed: UInt64) -> String {
        var pair = String.UnicodeScalarView()
        pair.append(Unicode.Scalar(UInt32(packed >> 21))!)
        pair.append(Unicode.Scalar(UInt32(packed & 0x1F_FFFF))!)
        return String(pair)
    }
}
