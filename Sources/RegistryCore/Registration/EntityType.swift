/// The kinds of market entity the registry registers (SPEC §7 names them everywhere).
public enum EntityType: String, Sendable, Hashable, Codable, CaseIterable {
    /// 有限责任公司
    case llc
    /// 股份有限公司
    case jointStock = "joint-stock"
    /// 合伙企业
    case partnership
    /// 个人独资企业
    case soleProprietorship = "sole-proprietorship"
    /// 个体工商户
    case individual
    /// 农民专业合作社
    case cooperative
    /// 分支机构
    case branch

    /// The Chinese name of the type.
    public var chineseName: String {
        switch self {
        case .llc: "有限责任公司"
        case .jointStock: "股份有限公司"
        case .partnership: "合伙企业"
        case .soleProprietorship: "个人独资企业"
        case .individual: "个体工商户"
        case .cooperative: "农民专业合作社"
        case .branch: "分支机构"
        }
    }

    /// Positions 1–2 of the credit codes this type receives: 91 enterprises (branches too),
    /// 92 个体工商户, 93 农民专业合作社.
    public var creditPrefix: String {
        switch self {
        case .individual: "92"
        case .cooperative: "93"
        default: "91"
        }
    }
}
