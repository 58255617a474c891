/// A citizen identity number (公民身份号码, GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence
/// and an ISO 7064 MOD 11-2 check character (`0`–`9` or `X`). Only a well-formed number can be held.
public struct ResidentID: Sendable, Hashable, CustomStringConvertible {
    /// The 18 characters, upper-case.
    public let rawValue: String

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checks = Array("10X98765432")

    /// Why a number is not a well-formed identity number.
    public enum Problem: Error, Sendable, Hashable {
        /// Not 18 characters of digits (and a final X).
        case format
        /// The region part is not a code of any period of GB/T 2260.
        case region
        /// The birth date is not a real date between 1900 and `today`.
        case birthDate
        /// The check character is wrong; the expected one is given.
        case checkCharacter(expected: Character)

        /// An English message.
        public var message: String {
            switch self {
            case .format: "an identity number has 17 digits and a check character (0–9 or X)"
            case .region: "positions 1–6 are not a GB/T 2260 region code"
            case .birthDate: "positions 7–14 are not a real birth date"
            case .checkCharacter(let expected): "the check character should be \(expected)"
            }
        }
    }

    /// Validates `text` (spaces trimmed, `x` upper-cased) against `today` (no one is born in the future).
    public static func validate(_ text: String, today: CalendarDate, regions: RegionTable = .standard) -> Result<ResidentID, Problem> {
        let value = text.uppercased().filter { $0 != " " }
        let characters = Array(value)
        guard characters.count == 18, characters.prefix(17).allSatisfy({ $0.isASCII && $0.isNumber }),
              characters[17].isASCII, characters[17].isNumber || characters[17] == "X" else { return .failure(.format) }
        guard let region = Int(String(characters[0..<6])), regions.containsInAnyPeriod(region) else { return .failure(.region) }
        let birth = String(characters[6..<14])
        guard let year = Int(birth.prefix(4)), let month = Int(birth.dropFirst(4).prefix(2)), let day = Int(birth.suffix(2)),
              year >= 1900, let date = CalendarDate(year: year, month: month, day: day), date <= today else {
            return .failure(.birthDate)
        }
        let expected = checkCharacter(forFirst17: characters.prefix(17).map { Int(String($0))! })
        guard expected == characters[17] else { return .failure(.checkCharacter(expected: expected)) }
        return .success(ResidentID(rawValue: value))
    }

    /// The check character of 17 digits.
    public static func checkCharacter(forFirst17 digits: [Int]) -> Character {
        var sum = 0
        for (index, digit) in digits.enumerated() { sum += digit * weights[index] }
        return checks[sum % 11]
    }

    /// A well-formed synthetic number for `region`, `birth` and `sequence` (1–999): for examples, tests and the
    /// synthetic seed; no real person is meant.
    public static func synthetic(region: Int, birth: CalendarDate, sequence: Int) -> String {
        let sequenceText = String(sequence % 1_000)
        let digits = String(region) + birth.description.filter { $0 != "-" }
            + String(repeating: "0", count: 3 - sequenceText.count) + sequenceText
        return digits + String(checkCharacter(forFirst17: digits.map { Int(String($0))! }))
    }

    private init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}
