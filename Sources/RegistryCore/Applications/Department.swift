/// The departments that review a unified application in parallel (并联审批), each on its own part of the form.
public enum Department: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// 市场监管: the market part (the registration decision itself, 条例 第19条).
    case market
    /// 税务: the tax part.
    case tax
    /// 统计: the statistics part.
    case statistics

    /// The Chinese name.
    public var chineseName: String {
        switch self {
        case .market: "市场监管"
        case .tax: "税务"
        case .statistics: "统计"
        }
    }

    public static func < (lhs: Department, rhs: Department) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
