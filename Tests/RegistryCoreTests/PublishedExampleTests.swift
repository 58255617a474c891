import Testing
@testable import RegistryCore

/// Every published example of `domain/codes.md`, from `fixtures/codes/`.
struct PublishedExampleTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let input: String
        let expected: String
        let note: String
        var testDescription: String { "\(input) → \(expected)" }
    }

    static let examples: [Example] = (try? FixtureFiles.rows("codes/published-examples.tsv"))?.map {
        Example(input: $0[0], expected: $0[1], note: $0.count > 2 ? $0[2] : "")
    } ?? []

    static let corpus: [String] = (try? FixtureFiles.rows("codes/stdnum-valid.tsv"))?.map { $0[0] } ?? []

    @Test func fixturesAreLoaded() {
        #expect(Self.examples.count >= 20)
        #expect(Self.corpus.count == 200)
    }

    @Test(arguments: examples)
    func example(_ example: Example) {
        let validation = CreditCodeValidator.standard.validate(example.input)
        let actual = validation.isValid ? "valid" : validation.findings.map(Self.encode).joined(separator: ";")
        #expect(actual == example.expected, "\(example.note)")
        // The fast path agrees with the reporting path.
        var input = example.input
        let fast = input.withUTF8 { CreditCodeValidator.standard.isValid(utf8: $0) }
        if let fast { #expect(fast == validation.isValid) }
    }

    @Test(arguments: corpus)
    func stdnumCorpusCodeIsValid(_ code: String) throws {
        let parsed = try CreditCode(validating: code)
        #expect(parsed.rawValue == code)
    }

    /// `RULE@position[=expected]`, the notation of the fixture table.
    static func encode(_ finding: CodeFinding) -> String {
        var text = finding.rule.rawValue
        if let position = finding.positionText { text += "@\(position)" }
        if let expected = finding.expected, finding.rule == .checkCharacter || finding.rule == .organizationCheck {
            text += "=\(expected)"
        }
        return text
    }
}
