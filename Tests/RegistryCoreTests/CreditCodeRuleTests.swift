import Testing
@testable import RegistryCore

/// Specific rules of SPEC §1, each with the right reason and position.
struct CreditCodeRuleTests {
    let validator = CreditCodeValidator.standard

    /// A valid code with the given first eight characters (computed check characters).
    func code(prefix8: String, identifier: String = "MA4L0AAA") -> String {
        let body16 = prefix8 + identifier
        let orgDigit = CheckCharacters.organizationCheckDigit(body: Array(identifier.utf8))!
        let body17 = Array(body16.utf8) + [orgDigit]
        return String(decoding: body17 + [CheckCharacters.creditCheckCharacter(body: body17)!], as: UTF8.self)
    }

    @Test(arguments: ["A1", "A9", "N1", "N2", "N3", "N9", "Y1", "91", "92", "93", "11", "12", "13", "19", "21", "31", "35",
                      "41", "51", "53", "61", "62", "71", "72", "81", "89"])
    func everyAuthorityAndCategoryOfTheTableIsAccepted(_ pair: String) {
        #expect(validator.validate(code(prefix8: pair + "430100")).isValid)
    }

    @Test(arguments: ["94", "99", "Y2", "A2", "N4", "14", "22", "1A"])
    func aCategoryOutsideItsAuthorityIsReportedAtPosition2(_ pair: String) {
        let findings = validator.validate(code(prefix8: pair + "430100")).findings
        #expect(findings.map(\.rule) == [.category])
        #expect(findings.first?.positions == 2...2)
    }

    @Test(arguments: ["B", "0", "M"])
    func anUnknownAuthorityIsReportedAtPosition1(_ authority: String) {
        let findings = validator.validate(code(prefix8: authority + "1430100")).findings
        #expect(findings.map(\.rule) == [.authority])
        #expect(findings.first?.positions == 1...1)
    }

    @Test(arguments: ["430124", "430122", "120110", "430102", "100000", "430101"])
    func historicalAndCurrentRegionsAreAccepted(_ region: String) {
        #expect(validator.validate(code(prefix8: "91" + region)).isValid)
    }

    @Test(arguments: ["999999", "430199", "000000", "4301A0"])
    func anUnknownRegionIsReportedAtPositions3To8(_ region: String) {
        let findings = validator.validate(code(prefix8: "91" + region)).findings
        #expect(findings.map(\.rule) == [.region])
        #expect(findings.first?.positions == 3...8)
        #expect(findings.first?.found == region)
    }

    @Test func aBadInnerCheckDigitIsReportedAtPosition17WithTheExpectedDigit() {
        let findings = validator.validate("911100006000373451").findings
        #expect(findings == [CodeFinding(rule: .organizationCheck, positions: 17...17, found: "5", expected: "1")])
    }

    @Test(arguments: ["I", "O", "Z", "S", "V"])
    func aForbiddenLetterIsReportedAtItsPosition(_ letter: String) {
        var characters = Array(code(prefix8: "91430100"))
        characters[10] = Character(letter)
        let findings = validator.validate(String(characters)).findings
        #expect(findings.contains(CodeFinding(rule: .charset, positions: 11...11, found: letter)))
        // With a bad character in 9–16 neither check character is computed.
        #expect(!findings.contains { $0.rule == .organizationCheck || $0.rule == .checkCharacter })
    }

    @Test func everyFailedCheckIsReportedNotJustTheFirst() {
        // Bad authority, unknown region, wrong inner digit and wrong check character at once.
        let findings = validator.validate("B199999960003734XN").findings
        #expect(findings.map(\.rule) == [.authority, .region, .organizationCheck, .checkCharacter])
    }

    @Test func aCheckCharacterIsComputedForTheWorkedExamples() {
        #expect(CheckCharacters.creditCheckCharacter(forBody: "91110000600037341") == "L")
        #expect(CheckCharacters.creditCheckCharacter(forBody: "91350100M000100Y4") == "3")
        #expect(CheckCharacters.creditCheckCharacter(forBody: "91152201078376286") == "0")
        #expect(CheckCharacters.creditCheckCharacter(forBody: "9111000060003734") == nil)
        #expect(CheckCharacters.creditCheckCharacter(forBody: "9111000060003734I") == nil)
        #expect(CheckCharacters.organizationCheckDigit(body: Array("MA2PBM9H".utf8)) == UInt8(ascii: "X"))
        #expect(CheckCharacters.organizationCheckDigit(body: Array("07838201".utf8)) == UInt8(ascii: "0"))
    }

    @Test func aCreditCodeExposesItsParts() throws {
        let code = try CreditCode(validating: "91430124MA4L0AAA66")
        #expect(code.authorityCharacter == "9")
        #expect(code.categoryCharacter == "1")
        #expect(code.region.value == 430124)
        #expect(code.organizationCode.description == "MA4L0AAA-6")
    }

    @Test func parsingAnInvalidCodeThrowsEveryFinding() {
        #expect(throws: InvalidCodeError(input: "91110000600037341N", findings: [
            CodeFinding(rule: .checkCharacter, positions: 18...18, found: "N", expected: "L"),
        ])) {
            try CreditCode(validating: "91110000600037341N")
        }
    }

    @Test func organizationCodesValidateOnTheirOwn() throws {
        #expect(try OrganizationCode(validating: "60003734-1").rawValue == "600037341")
        #expect(try OrganizationCode(validating: "MA2PBM9H-X").description == "MA2PBM9H-X")
        #expect(OrganizationCode.findings(normalized: "600037342").map(\.rule) == [.organizationCodeCheck])
        #expect(OrganizationCode.findings(normalized: "6000373").map(\.rule) == [.organizationLength])
        #expect(OrganizationCode.findings(normalized: "60003#341").map(\.rule) == [.organizationCharset])
    }
}

/// Civil dates: parsing, formatting, arithmetic.
struct CalendarDateTests {
    @Test(arguments: ["2024-02-29", "1995-01-03", "2026-11-27", "0001-01-01", "9999-12-31"])
    func isoRoundTrips(_ text: String) throws {
        let date = try #require(CalendarDate(iso: text))
        #expect(date.description == text)
        #expect(CalendarDate(daysSinceEpoch: date.daysSinceEpoch) == date)
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-1-01", "2024-01-01 ", "24-01-01", "2024/01/01", "２０２４-01-01", "",
                      "2024-00-10", "2024-01-00", "0000-01-01", "2024-01-0a", "2024-01-1:", "2024-01-01-"])
    func malformedDatesAreRefused(_ text: String) {
        #expect(CalendarDate(iso: text) == nil)
        #expect(CalendarDate(iso: text[...]) == nil, "a substring too")
    }

    @Test func aSubstringParsesAsItsString() {
        let line = "成立日期 2024-02-29 登记"
        let start = line.index(line.startIndex, offsetBy: 5)
        #expect(CalendarDate(iso: line[start..<line.index(start, offsetBy: 10)]) == CalendarDate(year: 2024, month: 2, day: 29))
    }

    @Test func monthArithmeticClampsToTheMonthEnd() {
        #expect(CalendarDate(year: 2024, month: 12, day: 31)!.adding(months: 2) == CalendarDate(year: 2025, month: 2, day: 28)!)
        #expect(CalendarDate(year: 2026, month: 11, day: 27)!.weekday == 5)  // a Friday
    }
}
