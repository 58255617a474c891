/// The two check computations: GB 11714's position-17 digit and GB 32100's position-18 character.
public enum CheckCharacters {
    /// GB 11714 weights for the eight body characters of an organization code.
    static let organizationWeights: [Int] = [3, 7, 9, 10, 5, 8, 4, 2]
    /// GB 32100 weights `3^(i-1) mod 31` for positions 1–17.
    static let creditWeights: [Int] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The GB 11714 check digit (`0`–`9` or `X`) for eight body characters (digits and upper-case
    /// letters A–Z), or nil if a character is outside that set or the count is not eight.
    public static func organizationCheckDigit<Bytes: Collection<UInt8>>(body: Bytes) -> UInt8? {
        guard body.count == 8 else { return nil }
        var sum = 0
        for (index, byte) in body.enumerated() {
            let value = CodeAlphabet.organizationValue[Int(byte)]
            guard value != CodeAlphabet.absent else { return nil }
            sum += Int(value) * organizationWeights[index]
        }
        return organizationDigit(forSum: sum)
    }

    @inline(__always)
    static func organizationDigit(forSum sum: Int) -> UInt8 {
        switch 11 - sum % 11 {
        case 10: UInt8(ascii: "X")
        case 11: UInt8(ascii: "0")
        case let digit: UInt8(ascii: "0") + UInt8(digit)
        }
    }

    /// The GB 32100 check character (MOD 31-3) for the first 17 characters of a credit code, or nil
    /// if a character is outside the 31-character alphabet or the count is not 17.
    public static func creditCheckCharacter<Bytes: Collection<UInt8>>(body: Bytes) -> UInt8? {
        guard body.count == 17 else { return nil }
        var sum = 0
        for (index, byte) in body.enumerated() {
            let value = CodeAlphabet.creditValue[Int(byte)]
            guard value != CodeAlphabet.absent else { return nil }
            sum += Int(value) * creditWeights[index]
        }
        return creditCharacter(forSum: sum)
    }

    @inline(__always)
    static func creditCharacter(forSum sum: Int) -> UInt8 {
        CodeAlphabet.characters[(31 - sum % 31) % 31]
    }

    /// The check character for a 17-character body given as text (normalised first), or nil.
    public static func creditCheckCharacter(forBody text: String) -> Character? {
        let body = CodeNormalizer.normalize(text)
        guard let byte = creditCheckCharacter(body: Array(body.utf8)) else { return nil }
        return Character(Unicode.Scalar(byte))
    }
}
