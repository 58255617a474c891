/// The pure part of code allocation: turning a registry sequence number into a code.
///
/// The 主体标识码 (positions 9–17) is `MA` followed by the sequence number written with six
/// characters of the 31-character alphabet (so never I, O, Z, S or V, and never in the `PDY…`
/// user-defined range), then its GB 11714 check digit. Uniqueness comes from the store: it hands
/// out each sequence number once and skips numbers whose identifier an imported code already uses.
public enum CodeAllocator {
    /// The fixed prefix of allocated identifiers, as on most codes issued since 2015.
    public static let prefix: [UInt8] = Array("MA".utf8)
    /// How many sequence numbers exist: 31⁶.
    public static let capacity = 887_503_681

    /// Raised when a sequence number is outside `0..<capacity`.
    public struct SequenceOutOfRange: Error, Sendable, Hashable {
        /// The rejected number.
        public let sequence: Int
    }

    /// The nine-character 主体标识码 (eight body characters and the check digit) for `sequence`.
    public static func subjectIdentifier(sequence: Int) throws(SequenceOutOfRange) -> OrganizationCode {
        OrganizationCode(uncheckedNormalized: String(decoding: try identifierBytes(sequence: sequence), as: UTF8.self))
    }

    /// The credit code for an entity of `type` registered by `authority` with `sequence`.
    public static func creditCode(type: EntityType, authority: RegionCode, sequence: Int) throws(SequenceOutOfRange) -> CreditCode {
        var bytes = Array(type.creditPrefix.utf8)
        bytes += Array(String(authority.value).utf8)
        bytes += try identifierBytes(sequence: sequence)
        bytes.append(CheckCharacters.creditCheckCharacter(body: bytes)!)
        return CreditCode(uncheckedNormalized: String(decoding: bytes, as: UTF8.self))
    }

    /// The sequence number an identifier was formatted from, or nil when it is not an allocated one
    /// (imported codes mostly are not).
    public static func sequence(ofSubjectIdentifier identifier: some StringProtocol) -> Int? {
        let bytes = Array(identifier.utf8)
        guard bytes.count == 9, bytes.starts(with: prefix) else { return nil }
        var value = 0
        for byte in bytes[2..<8] {
            let digit = CodeAlphabet.creditValue[Int(byte)]
            guard digit != CodeAlphabet.absent else { return nil }
            value = value * 31 + Int(digit)
        }
        guard CheckCharacters.organizationCheckDigit(body: bytes[0..<8]) == bytes[8] else { return nil }
        return value
    }

    private static func identifierBytes(sequence: Int) throws(SequenceOutOfRange) -> [UInt8] {
        guard sequence >= 0, sequence < capacity else { throw SequenceOutOfRange(sequence: sequence) }
        var digits = [UInt8](repeating: 0, count: 6)
        var rest = sequence
        for index in stride(from: 5, through: 0, by: -1) {
            digits[index] = CodeAlphabet.characters[rest % 31]
            rest /= 31
        }
        var bytes = prefix + digits
        bytes.append(CheckCharacters.organizationCheckDigit(body: bytes)!)
        return bytes
    }
}
