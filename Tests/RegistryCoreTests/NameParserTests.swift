import Testing
@testable import RegistryCore

/// The parse of `domain/names.md` §1 on the examples of the rules and the 2017 comparison rules.
struct NameParserTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let name: String, region: String, placement: ParsedName.RegionPlacement, zihao: String, industry: String, form: String
        var testDescription: String { name }
    }

    static let examples: [Example] = [
        .init(name: "北京红光酒业发展有限公司", region: "北京", placement: .prefix, zihao: "红光", industry: "酒业发展", form: "有限公司"),
        .init(name: "红光（北京）酒业发展有限公司", region: "北京", placement: .bracket, zihao: "红光", industry: "酒业发展", form: "有限公司"),
        .init(name: "红光(北京)酒业发展有限公司", region: "北京", placement: .bracket, zihao: "红光", industry: "酒业发展", form: "有限公司"),
        .init(name: "四川长虹电器股份有限公司", region: "四川", placement: .prefix, zihao: "长虹", industry: "电器", form: "股份有限公司"),
        .init(name: "湖南省长沙市岳麓区红光网络科技有限公司", region: "湖南省长沙市岳麓区", placement: .prefix, zihao: "红光",
              industry: "网络科技", form: "有限公司"),
        .init(name: "长沙红光投资管理中心（有限合伙）", region: "长沙", placement: .prefix, zihao: "红光", industry: "投资管理",
              form: "中心（有限合伙）"),
        .init(name: "长沙市开福区张记小吃店", region: "长沙市开福区", placement: .prefix, zihao: "张记", industry: "小吃", form: "店"),
        .init(name: "长沙县腾富宏果业专业合作社", region: "长沙县", placement: .prefix, zihao: "腾富宏", industry: "果业", form: "专业合作社"),
        .init(name: "长沙红光贸易有限公司岳麓分公司", region: "长沙", placement: .prefix, zihao: "红光", industry: "贸易",
              form: "有限公司岳麓分公司"),
        .init(name: "红光有限公司", region: "", placement: .none, zihao: "红光", industry: "", form: "有限公司"),
        .init(name: "湘西红光贸易有限公司", region: "湘西", placement: .prefix, zihao: "红光", industry: "贸易", form: "有限公司"),
        .init(name: "广西红光贸易有限公司", region: "广西", placement: .prefix, zihao: "红光", industry: "贸易", form: "有限公司"),
    ]

    @Test(arguments: examples)
    func parses(_ example: Example) {
        let parsed = EnterpriseNameParser.standard.parse(example.name)
        #expect(parsed.region == example.region)
        #expect(parsed.regionPlacement == example.placement)
        #expect(parsed.zihao == example.zihao)
        #expect(parsed.industry == example.industry)
        #expect(parsed.form == example.form)
    }

    @Test func shortFormsResolveToTheHigherLevel() {
        let parsed = EnterpriseNameParser.standard.parse("长沙红光贸易有限公司")
        #expect(parsed.regionChain.map(\.code) == [430100])
        #expect(RegionLexicon.shortForm(of: "湘西土家族苗族自治州", level: .prefecture) == "湘西")
        #expect(RegionLexicon.shortForm(of: "内蒙古自治区", level: .province) == "内蒙古")
        #expect(RegionLexicon.shortForm(of: "江华瑶族自治县", level: .county) == "江华")
    }

    @Test func industryKeysFoldSynonymsAndFeatureWords() {
        let lexicon = IndustryLexicon.standard
        #expect(lexicon.comparisonKey(of: "置业") == lexicon.comparisonKey(of: "房地产"))
        #expect(lexicon.comparisonKey(of: "地产") == "房地产")
        #expect(lexicon.comparisonKey(of: "酒业发展") == "酒业")
        #expect(lexicon.comparisonKey(of: "白酒") == "酒业")
        #expect(lexicon.comparisonKey(of: "") == "")
    }
}

extension NameParserTests {
    @Test func synonymTermsOfAKey() {
        let terms = IndustryLexicon.standard.terms(withKey: "房地产")
        #expect(terms == ["地产", "房产", "房地产", "房地产开发", "置业"])
        #expect(IndustryLexicon.standard.terms(withKey: "湘菜") == ["湘菜"])
    }
}
