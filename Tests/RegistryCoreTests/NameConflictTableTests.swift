import Testing
@testable import RegistryCore

/// The C- and W- rules against `fixtures/names/conflicts.tsv` (the 2017 comparison examples among them),
/// with a fixed date for the one-year cooldown.
struct NameConflictTableTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 27)!

    struct Row: CustomTestStringConvertible, Sendable {
        let existing: String, existingIndustry: String, status: String, endedOn: String
        let proposed: String, industry: String, authority: String, related: Bool, expected: String
        var testDescription: String { "\(existing) vs \(proposed) → \(expected)" }
    }

    static let rows: [Row] = ((try? FixtureFiles.rows("names/conflicts.tsv")) ?? []).filter { $0.count >= 9 }.map {
        Row(existing: $0[0], existingIndustry: $0[1], status: $0[2], endedOn: $0[3], proposed: $0[4], industry: $0[5],
            authority: $0[6], related: $0[7] == "yes", expected: $0[8])
    }

    static func code() throws -> CreditCode {
        try CreditCode(validating: "911522010783762860")
    }

    @Test func everyConflictRuleHasARow() {
        for rule in NameRule.allCases where !rule.id.hasPrefix("N-") {
            #expect(Self.rows.contains { $0.expected == rule.id }, "\(rule.id)")
        }
    }

    @Test(arguments: rows)
    func row(_ row: Row) throws {
        let code = try Self.code()
        let existing = EnterpriseNameParser.standard.parse(row.existing)
        let candidate = NameCandidate(source: .entity, name: row.existing, zihao: existing.zihao, industryPhrase: existing.industry,
                                      industry: try #require(IndustryCode(row.existingIndustry)), code: code, status: row.status,
                                      endedOn: CalendarDate(iso: row.endedOn))
        let request = NameCheckRequest(name: row.proposed, type: .llc, industry: try #require(IndustryCode(row.industry)),
                                       authority: try #require(RegionCode(row.authority)), relatedCodes: row.related ? [code] : [])
        let parsed = EnterpriseNameParser.standard.parse(row.proposed, authority: request.authority.value)
        let conflicts = NameConflictChecker.standard.conflicts(of: parsed, request, with: [candidate], on: Self.today)
        #expect(conflicts.map(\.rule.id) == (row.expected == "none" ? [] : [row.expected]),
                "proposed \(parsed.parts), existing \(existing.parts)")
        if let conflict = conflicts.first {
            #expect(conflict.existing.code == code)
            #expect(conflict.message.contains(row.existing))
        }
    }

    @Test func reservationsStopCountingWhenTheyExpire() throws {
        let candidate = NameCandidate(source: .reservation, name: "长沙红光贸易有限公司", zihao: "红光", industryPhrase: "贸易",
                                      industry: try #require(IndustryCode("51")), code: nil, reservationID: "R1", status: "保留中",
                                      expiresOn: CalendarDate(year: 2027, month: 1, day: 27))
        #expect(candidate.counts(on: Self.today, policy: .standard))
        #expect(!candidate.counts(on: CalendarDate(year: 2027, month: 1, day: 27)!, policy: .standard))
    }
}
