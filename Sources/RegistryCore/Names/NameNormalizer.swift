/// The normal form proposed names are parsed and compared in (`domain/names.md` §1 step 1).
///
/// Whitespace removed, half-width brackets made full-width (`(` → `（`), other full-width ASCII made
/// half-width (`Ａ１` → `A1`, so the script rule sees Latin letters and digits for what they are).
public enum NameNormalizer {
    /// The normalised name.
    public static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for var scalar in text.unicodeScalars {
            if (0x3400...0x9FFF).contains(scalar.value) {  // the common case, a CJK ideograph: kept as it is
                scalars.append(scalar)
                continue
            }
            if scalar.properties.isWhitespace || scalar == "\u{3000}" { continue }
            switch scalar {
            case "(": scalar = "（"
            case ")": scalar = "）"
            case "（", "）": break
            default:
                if (0xFF01...0xFF5E).contains(scalar.value) { scalar = Unicode.Scalar(scalar.value - 0xFEE0)! }
            }
            scalars.append(scalar)
        }
        return String(scalars)
    }
}
