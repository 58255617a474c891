import Testing
@testable import RegistryCore

/// The tables compiled into RegistryCore are the files in `fixtures/`, and parse completely.
struct EmbeddedFixturesTests {
    @Test(arguments: [
        ("regions-gbt2260.tsv", EmbeddedFixtures.regionsTSV),
        ("industries-gbt4754-2017.tsv", EmbeddedFixtures.industriesTSV),
        ("forbidden-words.tsv", EmbeddedFixtures.forbiddenWordsTSV),
    ])
    func embeddedCopyEqualsFixture(_ file: String, _ embedded: String) throws {
        let text = try FixtureFiles.text(file)
        #expect(text == embedded + "\n", "run scripts/embed-fixtures.sh")
    }

    @Test func regionTableHasEveryRow() {
        let table = RegionTable.standard
        #expect(table.rows.count == 7_142)
        #expect(Set(table.rows.map(\.code)).count == 6_886)
        #expect(table.rows.filter(\.isCurrent).count == 3_515)
        #expect(table.containsInAnyPeriod(430_124))
        #expect(table.current(430_124) == nil)
        #expect(table.current(430_182)?.name == "宁乡市")
        #expect(table.name(of: 430_124) == "宁乡县")
        #expect(!table.containsInAnyPeriod(999_999))
        #expect(table.currentRows(underPrefix: 43, digits: 2).count == 150 - 13)  // 150 current rows less 13 市辖区 grouping rows
    }

    @Test func industryTableHasEveryLevel() {
        let table = IndustryTable.standard
        #expect(table.entries.count == 1_970)
        #expect(table.entries.filter { $0.level == .section }.count == 20)
        #expect(table.entries.filter { $0.level == .division }.count == 97)
        #expect(table.entries.filter { $0.level == .group }.count == 473)
        #expect(table.entries.filter { $0.level == .industryClass }.count == 1_380)
        #expect(table.entry("16")?.name == "烟草制品业")
        #expect(IndustryCode("6513")?.rawValue == "6513")
        #expect(IndustryCode("9999") == nil)
    }

    /// Codes are looked up by their place in a dense table: every code of the standard is found as itself, and strings
    /// one step from a code (a digit fewer or more, a leading zero dropped, lower case, a letter beyond T) are not.
    @Test func industryLookupFindsExactlyTheStandardsCodes() {
        let table = IndustryTable.standard
        for entry in table.entries {
            #expect(table.entry(entry.code) == entry)
        }
        for code in ["", "0", "1", "01a", "Z", "U", "a", "00", "000", "0000", "01111", "９", "A1", "6514"] {
            #expect(!table.contains(code), "\(code)")
        }
        #expect(table.contains("01") && table.contains("011") && table.contains("0111") && table.contains("A"))
        #expect(table.contains("11") && !table.contains("1"))  // 大类 01 is not 1
        #expect(IndustryCode("i")?.rawValue == "I")
    }

    /// Statuses read back from the database are display values; API values and the old names still parse.
    @Test func statusParsesDisplayAPIAndOldValues() {
        for status in EntityStatus.allCases {
            #expect(EntityStatus(parsing: status.display) == status)
            #expect(EntityStatus(parsing: status.rawValue) == status)
        }
        #expect(EntityStatus(parsing: "在业") == .active)
        #expect(EntityStatus(parsing: "停业") == .suspended)
        #expect(EntityStatus(parsing: "存") == nil)
        #expect(EntityStatus(parsing: "存续 ") == nil)
    }

    @Test func forbiddenWordTableParses() {
        #expect(ForbiddenWordTable.standard.entries.count == 289)
        #expect(ForbiddenWordTable.standard.entries.first?.word == "共产党")
    }
}
