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

    /// The bigrams of a document as the short-query index stores them: space-separated tokens.
    /// Repeats are harmless (the index records documents, not counts) and the text is a pure function
    /// of the document, so a removal can supply it again.
    /// Each name's first two characters also give a prefix token (`prefixToken`), so that "starts
    /// with" is a single-token query too.
    public static func bigramTokens(ofDocument document: String) -> String {
        var tokens = String.UnicodeScalarView()
        var beforePrevious = marker
        var previous = marker
        for scalar in document.unicodeScalars {
            if previous != marker && scalar != marker {
                if !tokens.isEmpty { tokens.append(" ") }
                if beforePrevious == marker { tokens.append(prefixTag) }
                tokens.append(previous)
                tokens.append(scalar)
                if beforePrevious == marker {  // the name's start: its prefix token, then the plain bigram
                    tokens.append(" ")
                    tokens.append(previous)
                    tokens.append(scalar)
                }
            }
            beforePrevious = previous
            previous = scalar
        }
        return String(tokens)
    }

    /// Marks prefix tokens; a letter, so the tokenizer keeps it in the token (`p长沙`). Plain bigram
    /// tokens have two characters, prefix tokens three, so they never collide.
    static let prefixTag: Unicode.Scalar = "p"

    /// The token of names starting with the two characters `q`.
    public static func prefixToken(_ q: String) -> String { String(Character(prefixTag)) + q }

    /// The longest counted term, in characters.
    public static let countedTermLength = 4

    /// The distinct 2- to 4-character sequences (without markers) of a document: the terms whose
    /// document frequencies the index keeps, so that totals of short queries cost one lookup.
    public static func countedTerms(ofDocument document: String) -> Set<String> {
        Set(packedTerms(ofDocument: document).map(\.text))
    }

    /// A counted term of up to four scalars, packed into two integers (21 bits per scalar): far cheaper
    /// to hash than a string, for counting millions of them.
    public struct PackedTerm: Hashable, Comparable, Sendable {
        let high: UInt64  // length << 42 | first << 21 | second
        let low: UInt64   // third << 21 | fourth

        /// Packs one to four scalars (no arrays: this runs for every term of every name).
        init(_ scalars: ArraySlice<UInt32>) {
            let start = scalars.startIndex, count = scalars.count
            func value(_ offset: Int) -> UInt64 { offset < count ? UInt64(scalars[start + offset]) : 0 }
            high = UInt64(count) << 42 | value(0) << 21 | value(1)
            low = value(2) << 21 | value(3)
        }

        /// The term's text.
        public var text: String {
            var bytes: [UInt8] = []
            appendUTF8(to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Appends the term's text as UTF-8 to `bytes` (no string: see `PackedPhrase.appendUTF8(to:)`).
        public func appendUTF8(to bytes: inout [UInt8]) {
            for index in 0..<Int(high >> 42) {
                let packed = index < 2 ? high >> (index == 0 ? 21 : 0) : low >> (index == 2 ? 21 : 0)
                UTF8.encode(Unicode.Scalar(UInt32(packed & 0x1F_FFFF))!) { bytes.append($0) }
            }
        }

        /// By length, then by scalars.
        public static func < (left: PackedTerm, right: PackedTerm) -> Bool {
            (left.high, left.low) < (right.high, right.low)
        }
    }

    /// The counted terms of a document, packed.
    public static func packedTerms(ofDocument document: String) -> Set<PackedTerm> {
        var terms = Set<PackedTerm>()
        forEachRun(ofDocument: document, lengths: 2...countedTermLength) { terms.insert(PackedTerm($0)) }
        return terms
    }

    /// Calls `body` with every run of the document's scalars of one of `lengths` that no marker interrupts.
    @inline(__always)
    static func forEachRun(ofDocument document: String, lengths: ClosedRange<Int>, _ body: (ArraySlice<UInt32>) -> Void) {
        let scalars = document.unicodeScalars.map(\.value)
        var runStart = 0  // first scalar after the last marker
        for end in scalars.indices {
            if scalars[end] == marker.value { runStart = end + 1; continue }
            for length in lengths where end - length + 1 >= runStart {
                body(scalars[(end - length + 1)...end])
            }
        }
    }
}
