/// A natural person named in a registration: legal representative, operator, officer.
public struct Person: Sendable, Hashable, Codable {
    /// Full name.
    public var name: String
    /// Resident identity card number (公民身份号码); personal data, masked in exports.
    public var idNumber: String

    /// Creates a person.
    public init(name: String, idNumber: String) {
        self.name = name
        self.idNumber = idNumber
    }

    /// The ID number masked for display: the first 6 and last 4 characters kept (`430104********1234`).
    public var maskedIDNumber: String {
        guard idNumber.count > 10 else { return String(repeating: "*", count: idNumber.count) }
        return String(idNumber.prefix(6)) + String(repeating: "*", count: idNumber.count - 10) + String(idNumber.suffix(4))
    }
}
