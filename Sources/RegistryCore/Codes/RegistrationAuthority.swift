/// Positions 1 and 2 of a credit code: the registration-authority code and the entity category
/// allowed under it (`domain/codes.md` §3, GB 32100-2015 with its amendment).
public enum RegistrationAuthority {
    /// Allowed position-2 characters per position-1 character.
    public static let categories: [UInt8: Set<UInt8>] = {
        func digits(_ text: String) -> Set<UInt8> { Set(text.utf8) }
        return [
            UInt8(ascii: "1"): digits("1239"),
            UInt8(ascii: "2"): digits("19"),
            UInt8(ascii: "3"): digits("123459"),
            UInt8(ascii: "4"): digits("19"),
            UInt8(ascii: "5"): digits("1239"),
            UInt8(ascii: "6"): digits("129"),
            UInt8(ascii: "7"): digits("129"),
            UInt8(ascii: "8"): digits("19"),
            UInt8(ascii: "9"): digits("123"),
            UInt8(ascii: "A"): digits("19"),
            UInt8(ascii: "N"): digits("1239"),
            UInt8(ascii: "Y"): digits("1"),
        ]
    }()

    /// Bit `category` of entry `authority` is set when the pair is valid (a flat table for the fast path).
    static let pairTable: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 256)
        for (authority, allowed) in categories {
            for category in allowed { table[Int(authority)] |= 1 << UInt16(category - UInt8(ascii: "0")) }
        }
        return table
    }()

    /// Whether `authority` is a position-1 code.
    @inline(__always)
    static func isAuthority(_ authority: UInt8) -> Bool { pairTable[Int(authority)] != 0 }

    /// Whether `category` is allowed under `authority`.
    @inline(__always)
    static func isValid(authority: UInt8, category: UInt8) -> Bool {
        guard category >= UInt8(ascii: "0"), category <= UInt8(ascii: "9") else { return false }
        return pairTable[Int(authority)] & (1 << UInt16(category - UInt8(ascii: "0"))) != 0
    }
}
