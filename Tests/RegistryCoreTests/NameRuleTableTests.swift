import Testing
@testable import RegistryCore

/// Every rule id of `domain/names.md` §9 against `fixtures/names/rules.tsv`: names that trigger it (with
/// the expected severity) and names that do not.
struct NameRuleTableTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let rule: String, expect: String, severity: String, name: String, type: String, industry: String, authority: String, parent: String
        var testDescription: String { "\(rule) \(expect): \(name)" }
    }

    static let rows: [Row] = ((try? FixtureFiles.rows("names/rules.tsv")) ?? []).filter { $0.count >= 7 }.map {
        Row(rule: $0[0], expect: $0[1], severity: $0[2], name: $0[3], type: $0[4], industry: $0[5], authority: $0[6],
            parent: $0.count > 7 ? $0[7] : "")
    }

    static func request(_ row: Row) throws -> NameCheckRequest {
        NameCheckRequest(name: row.name, type: try #require(EntityType(rawValue: row.type)),
                         industry: try #require(IndustryCode(row.industry)), authority: try #require(RegionCode(row.authority)),
                         parentName: row.parent.isEmpty ? nil : row.parent)
    }

    @Test func everyNameRuleHasATriggeringAndAPassingRow() {
        let nameRules = NameRule.allCases.filter { $0.id.hasPrefix("N-") }
        for rule in nameRules {
            #expect(Self.rows.contains { $0.rule == rule.id && $0.expect == "triggers" }, "\(rule.id) has no triggering row")
            #expect(Self.rows.contains { $0.rule == rule.id && $0.expect == "passes" }, "\(rule.id) has no passing row")
        }
    }

    @Test(arguments: rows)
    func row(_ row: Row) throws {
        let (parsed, findings) = NameRuleChecker.standard.check(try Self.request(row))
        let hits = findings.filter { $0.rule.id == row.rule }
        let context = "parse: \(parsed.parts); findings: \(findings.map { "\($0.rule.id)/\($0.severity): \($0.messageEnglish)" })"
        if row.expect == "triggers" {
            #expect(!hits.isEmpty, "\(context)")
            #expect(hits.contains { $0.severity.rawValue == row.severity }, "\(context)")
            #expect(hits.allSatisfy { !$0.message.isEmpty && !$0.messageEnglish.isEmpty })
        } else {
            #expect(hits.isEmpty, "\(context)")
        }
    }

    @Test func everyFindingIsReportedNotJustTheFirst() throws {
        let request = NameCheckRequest(name: "株洲最佳3D博彩", type: .llc, industry: try #require(IndustryCode("51")),
                                       authority: try #require(RegionCode("430104")))
        let (_, findings) = NameRuleChecker.standard.check(request)
        let ids = Set(findings.map(\.rule.id))
        #expect(ids.isSuperset(of: ["N-SCRIPT", "N-FORM-MISSING", "N-REGION-NOT-LOCAL", "N-MISLEADING", "N-FORBIDDEN"]), "\(ids)")
        #expect(findings.filter { $0.rule == .script }.count == 2)  // 3 and D, each with its position
    }

    @Test func traditionalCharactersComeWithTheSimplifiedSuggestion() throws {
        let request = NameCheckRequest(name: "長沙紅光貿易有限公司", type: .llc, industry: try #require(IndustryCode("51")),
                                       authority: try #require(RegionCode("430104")))
        let suggestions = NameRuleChecker.standard.check(request).1.filter { $0.rule == .script }.compactMap(\.suggestion)
        #expect(suggestions == ["长", "红", "贸"])
    }

    @Test func garbageNeverCrashesAndIsRejected() throws {
        for text in ["", "（", "）（", "有限公司", "（有限合伙）", "ABC", "长沙", "分公司", String(repeating: "（", count: 80)] {
            let request = NameCheckRequest(name: text, type: .llc, industry: try #require(IndustryCode("51")),
                                           authority: try #require(RegionCode("430104")))
            let (parsed, findings) = NameRuleChecker.standard.check(request)
            #expect(NameVerdict(severities: findings.map(\.severity)) == .rejected, "\(text): \(parsed.parts)")
        }
    }
}
