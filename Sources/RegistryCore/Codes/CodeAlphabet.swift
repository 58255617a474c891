/// The character tables of GB 32100-2015 and GB 11714-1997, as byte lookup tables.
///
/// The 31-character alphabet `0123456789ABCDEFGHJKLMNPQRTUWXY` never contains I, O, Z, S or V.
/// GB 11714 values every letter A–Z as 10–35 (the skipped letters included), so a letter's value
/// differs between the two tables (`M` is 22 in GB 11714 and 21 in GB 32100).
public enum CodeAlphabet {
    /// The 31 characters of the unified social credit code, in value order.
    public static let characters: [UInt8] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY".utf8)

    /// Marks a byte that is not in a table.
    static let absent: UInt8 = 0xFF

    /// GB 32100 value (0–30) of each byte, or `absent`.
    static let creditValue: [UInt8] = {
        var table = [UInt8](repeating: absent, count: 256)
        for (value, byte) in characters.enumerated() { table[Int(byte)] = UInt8(value) }
        return table
    }()

    /// GB 11714 value (0–35) of each digit and upper-case letter, or `absent`.
    static let organizationValue: [UInt8] = {
        var table = [UInt8](repeating: absent, count: 256)
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = byte - UInt8(ascii: "0") }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = byte - 55 }
        return table
    }()

    /// Whether `byte` is one of the 31 characters.
    @inlinable
    public static func contains(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "I"), UInt8(ascii: "O"), UInt8(ascii: "Z"), UInt8(ascii: "S"), UInt8(ascii: "V"): false
        case UInt8(ascii: "A")...UInt8(ascii: "Y"): true
        default: false
        }
    }
}
