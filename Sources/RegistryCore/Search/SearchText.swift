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
        let scalars = Array(document.unicodeScalars)
        var result = Set<String>()
        guard scalars.count >= 2 else { return result }
        for index in 0..<(scalars.count - 1) where scalars[index] != marker && scalars[index + 1] != marker {
            var pair = String.UnicodeScalarView()
            pair.append(scalars[index])
            pair.append(scalars[index + 1])
            result.insert(String(pair))
        }
        return result
    }
}
