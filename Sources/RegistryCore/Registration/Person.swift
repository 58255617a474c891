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
}
