/// Per-character tables for Chinese text: toneless pinyin and traditional/variant → simplified.
///
/// Generated once from ICU by `scripts/generate-han-tables.swift` (`fixtures/pinyin.tsv`,
/// `fixtures/traditional-simplified.tsv`), embedded, and parsed once. Lookups are context-free: a
/// polyphone gets the reading most common in names (长 chang, 重 chong, 厦 xia, …).
public struct HanTables: Sendable {
    /// The scalar range the tables cover (CJK Extension A and the Unified Ideographs block).
    static let range: ClosedRange<UInt32> = 0x3400...0x9FFF
    /// Reading per scalar in `range`, by offset (nil: none). Flat arrays: these lookups run per
    /// character of every name indexed and every query.
    private let pinyin: [String?]
    /// Simplified scalar per scalar in `range`, by offset (0: the character is not traditional).
    private let simplified: [UInt32]

    /// The tables compiled from the fixtures, parsed once.
    public static let standard = HanTables(pinyinTSV: EmbeddedFixtures.pinyinTSV,
                                           traditionalTSV: EmbeddedFixtures.traditionalSimplifiedTSV)

    /// Parses `char<TAB>pinyin` and `traditional<TAB>simplified` rows.
    public init(pinyinTSV: String, traditionalTSV: String) {
        let size = Int(Self.range.upperBound - Self.range.lowerBound) + 1
        var pinyin = [String?](repeating: nil, count: size)
        for row in EmbeddedFixtures.rows(ofTSV: pinyinTSV) where row.count >= 2 {
            if let scalar = row[0].unicodeScalars.first, Self.range.contains(scalar.value) {
                pinyin[Int(scalar.value - Self.range.lowerBound)] = String(row[1])
            }
        }
        var simplified = [UInt32](repeating: 0, count: size)
        for row in EmbeddedFixtures.rows(ofTSV: traditionalTSV) where row.count >= 2 {
            if let from = row[0].unicodeScalars.first, let to = row[1].unicodeScalars.first, Self.range.contains(from.value) {
                simplified[Int(from.value - Self.range.lowerBound)] = to.value
            }
        }
        self.pinyin = pinyin
        self.simplified = simplified
    }

    /// The simplified form of one character, or the character itself.
    @inline(__always)
    public func simplified(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard Self.range.contains(scalar.value) else { return scalar }
        let folded = simplified[Int(scalar.value - Self.range.lowerBound)]
        return folded == 0 ? scalar : Unicode.Scalar(folded) ?? scalar
    }

    /// `text` with every traditional or variant character folded to its simplified form.
    public func simplified(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(simplified(scalar)) }
        return String(scalars)
    }

    /// The toneless pinyin of one character (after folding), or nil for a non-Han character.
    public func pinyin(_ scalar: Unicode.Scalar) -> String? {
        let folded = simplified(scalar)
        guard Self.range.contains(folded.value) else { return nil }
        return pinyin[Int(folded.value - Self.range.lowerBound)]
    }

    /// Toneless pinyin of `text`, syllables joined without spaces (`微猴` → `weihou`); characters
    /// without a reading (Latin letters, digits) are kept lower-cased.
    public func pinyinKey(_ text: String) -> String {
        var key = ""
        for scalar in text.unicodeScalars {
            if let reading = pinyin(scalar) { key += reading } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                key.unicodeScalars.append(contentsOf: String(scalar).lowercased().unicodeScalars)
            }
        }
        return key
    }

    /// The first letter of each syllable (`微猴` → `wh`).
    public func initialsKey(_ text: String) -> String {
        var key = ""
        for scalar in text.unicodeScalars {
            if let reading = pinyin(scalar), let first = reading.first { key.append(first) }
        }
        return key
    }
}
