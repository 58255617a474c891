/// An organisational form (组织形式) as written at the end of a name, and the entity types it fits
/// (`domain/names.md` §5).
public struct OrganizationalForm: Sendable, Hashable {
    /// The wording (`有限公司`, `（有限合伙）`, `店`).
    public let wording: String
    /// The types a name with this ending may register as.
    public let types: Set<EntityType>

    /// Every known form, longest wording first (the parser takes the longest suffix).
    public static let all: [OrganizationalForm] = {
        var forms: [OrganizationalForm] = [
            .init(wording: "股份有限公司", types: [.jointStock]), .init(wording: "股份公司", types: [.jointStock]),
            .init(wording: "有限责任公司", types: [.llc]), .init(wording: "有限公司", types: [.llc]),
            .init(wording: "（普通合伙）", types: [.partnership]), .init(wording: "（特殊普通合伙）", types: [.partnership]),
            .init(wording: "（有限合伙）", types: [.partnership]), .init(wording: "（个人独资）", types: [.soleProprietorship]),
            .init(wording: "（个体工商户）", types: [.individual]),
            .init(wording: "专业合作社联合社", types: [.cooperative]), .init(wording: "专业合作社", types: [.cooperative]),
        ]
        forms += branchEndings.map { OrganizationalForm(wording: $0, types: [.branch]) }
        // 个体工商户 without the bracketed form use a shop word (2008 个体工商户名称登记管理办法 第7条) [inference].
        forms += ["经营部", "门市部", "工作室", "商行", "商店", "超市", "店", "馆", "部", "厂", "坊", "行", "中心", "场", "园"]
            .map { OrganizationalForm(wording: $0, types: [.individual]) }
        return forms.sorted { $0.wording.count > $1.wording.count }
    }()

    /// Endings of a branch's name (规定 第13条).
    public static let branchEndings = ["分公司", "分厂", "分店", "分所", "分中心", "办事处", "营业部"]

    /// Words that usually precede a bracketed form (`中心（有限合伙）`, `商行（个人独资）`): part of the form.
    public static let leadWords = ["合伙企业", "事务所", "工作室", "经营部", "企业", "中心", "商行", "店"]

    /// The longest form `name` ends with.
    public static func suffix(of name: String) -> OrganizationalForm? {
        all.first { name.hasSuffix($0.wording) }
    }

    /// What a name of `type` must end with, for messages.
    public static func requiredWording(for type: EntityType) -> String {
        switch type {
        case .llc: "有限责任公司 / 有限公司"
        case .jointStock: "股份有限公司 / 股份公司"
        case .partnership: "（普通合伙） / （特殊普通合伙） / （有限合伙）"
        case .soleProprietorship: "（个人独资）"
        case .individual: "（个体工商户） or a shop word (店, 馆, 经营部 …)"
        case .cooperative: "专业合作社 / 专业合作社联合社"
        case .branch: "分公司 / 分厂 / 分店 …"
        }
    }

    /// Wording a name of `type` must not contain anywhere (办法 第12条: no other form's wording).
    public static func excludedWording(for type: EntityType) -> [String] {
        switch type {
        case .llc: ["股份"]
        case .jointStock, .branch: []
        case .partnership, .soleProprietorship, .individual, .cooperative: ["公司"]
        }
    }
}
