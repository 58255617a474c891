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

    @Test func forbiddenWordTableParses() {
        #expect(ForbiddenWordTable.standard.entries.count == 289)
        #expect(ForbiddenWordTable.standard.entries.first?.word == "共产党")
    }
}
