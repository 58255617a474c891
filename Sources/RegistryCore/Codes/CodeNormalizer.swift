/// Normalisation applied before any code is validated (SPEC §1, `domain/codes.md` §1).
///
/// Trims; removes spaces (including the ideographic space U+3000), tabs, hyphens and Unicode dash
/// variants; folds full-width forms U+FF01–U+FF5E to ASCII; upper-cases ASCII letters. Idempotent.
public enum CodeNormalizer {
    /// The normalised form of `text`. Characters it does not fold are kept as they are.
    public static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if let folded = fold(scalar) { scalars.append(folded) }
        }
        return String(scalars)
    }

    /// One scalar's normalised form, or nil when normalisation removes it.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        var value = scalar.value
        if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
        switch value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x3000, 0xA0:  // spaces, tabs, line ends
            return nil
        case 0x2D, 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63:  // hyphen-minus and dash variants
            return nil
        case 0x61...0x7A:  // a–z
            return Unicode.Scalar(UInt8(value - 0x20))
        default:
            return Unicode.Scalar(value)
        }
    }

    /// Byte-level normalisation of UTF-8 input into `output` (the fast path used for streams).
    ///
    /// Returns the number of bytes written, or nil if the input holds a character this fast path
    /// does not fold (any other non-ASCII character) or the result would not fit in `output`. A nil
    /// result means "take the slow path", never "invalid".
    @inlinable
    public static func normalize(
        utf8 input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>
    ) -> Int? {
        var count = 0
        var index = 0
        let end = input.count
        while index < end {
            var byte = input[index]
            if byte >= 0x80 {
                // Full-width forms: EF BC 81–BF → 21–5F, EF BD 80–9E → 60–7E; U+3000: E3 80 80.
                guard index + 2 < end else { return nil }
                let second = input[index + 1], third = input[index + 2]
                if byte == 0xEF && second == 0xBC && third >= 0x81 && third <= 0xBF {
                    byte = third - 0x60
                } else if byte == 0xEF && second == 0xBD && third >= 0x80 && third <= 0x9E {
                    byte = third - 0x20
                } else if byte == 0xE3 && second == 0x80 && third == 0x80 {
                    index += 3
                    continue
                } else if byte == 0xE2 && second == 0x80 && third >= 0x90 && third <= 0x95 {
                    index += 3
                    continue
                } else {
                    return nil
                }
                index += 3
            } else {
                index += 1
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x2D:
                continue
            case 0x61...0x7A:
                byte -= 0x20
            default:
                break
            }
            guard count < output.count else { return nil }
            output[count] = byte
            count += 1
        }
        return count
    }
}
