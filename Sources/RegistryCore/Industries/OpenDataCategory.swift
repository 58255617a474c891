/// The 11 categories of the open dataset (长沙市政府数据开放平台: "民生、工业、农业等11大类"), each a set of GB/T 4754
/// 门类. docs/open-data.md gives the table.
public enum OpenDataCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// 农业: A 农、林、牧、渔业.
    case agriculture
    /// 工业: B 采矿业, C 制造业, D 电力、热力、燃气及水生产和供应业.
    case industry
    /// 建筑: E 建筑业.
    case construction
    /// 商贸: F 批发和零售业.
    case trade
    /// 交通物流: G 交通运输、仓储和邮政业.
    case logistics
    /// 住宿餐饮: H 住宿和餐饮业.
    case hospitality
    /// 科技: I 信息传输、软件和信息技术服务业, M 科学研究和技术服务业.
    case technology
    /// 金融地产: J 金融业, K 房地产业.
    case finance
    /// 商务服务: L 租赁和商务服务业.
    case business
    /// 民生: N 水利、环境和公共设施管理业, O 居民服务、修理和其他服务业, P 教育, Q 卫生和社会工作,
    /// S 公共管理、社会保障和社会组织, T 国际组织.
    case livelihood
    /// 文化体育: R 文化、体育和娱乐业.
    case culture

    /// Its GB/T 4754 sections.
    public var sections: [Character] {
        switch self {
        case .agriculture: ["A"]
        case .industry: ["B", "C", "D"]
        case .construction: ["E"]
        case .trade: ["F"]
        case .logistics: ["G"]
        case .hospitality: ["H"]
        case .technology: ["I", "M"]
        case .finance: ["J", "K"]
        case .business: ["L"]
        case .livelihood: ["N", "O", "P", "Q", "S", "T"]
        case .culture: ["R"]
        }
    }

    /// The Chinese name.
    public var chineseName: String {
        switch self {
        case .agriculture: "农业"
        case .industry: "工业"
        case .construction: "建筑"
        case .trade: "商贸"
        case .logistics: "交通物流"
        case .hospitality: "住宿餐饮"
        case .technology: "科技"
        case .finance: "金融地产"
        case .business: "商务服务"
        case .livelihood: "民生"
        case .culture: "文化体育"
        }
    }

    /// The category of a GB/T 4754 section letter.
    public init?(section: Character) {
        guard let category = Self.allCases.first(where: { $0.sections.contains(section) }) else { return nil }
        self = category
    }
}
