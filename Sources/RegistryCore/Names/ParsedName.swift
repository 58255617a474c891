/// A proposed name split into its parts (规定 第6条; `domain/names.md` §1), returned to the caller.
public struct ParsedName: Sendable, Hashable {
    /// Where the region stands.
    public enum RegionPlacement: String, Sendable, Hashable, Codable {
        /// At the start (`长沙市红光贸易有限公司`).
        case prefix
        /// In brackets after the 字号 (`红光（北京）酒业发展有限公司`, 办法 第9条).
        case bracket
        /// No region.
        case none
    }

    /// The normalised name the parts come from.
    public var normalized: String
    /// The region as written (`长沙市岳麓区`; for a bracket, the text inside it), empty if none.
    public var region: String
    /// Where it stands.
    public var regionPlacement: RegionPlacement
    /// The divisions the region names, from the highest level down.
    public var regionChain: [RegionLexicon.Entry]
    /// A development-zone word after (or instead of) the region (`高新区`), empty if none.
    public var zone: String
    /// A leading segment shaped like a region (ends in 省/市/县/区…) that names no division, if any.
    public var unknownRegion: String?
    /// The 字号.
    public var zihao: String
    /// The industry or feature phrase, empty if none.
    public var industry: String
    /// 集团 or （集团） before the form, empty if none.
    public var groupWord: String
    /// The organisational form as written, with a branch's parent form and location or a lead word
    /// (`中心（有限合伙）`, `有限公司岳麓分公司`); empty if none was found.
    public var form: String
    /// The form the name ends with, if any.
    public var formKind: OrganizationalForm?
    /// For a branch, the parent's name as it heads the branch's name (`长沙红光贸易有限公司`).
    public var branchParent: String?

    /// The four parts as stored with an entity.
    public var parts: NameParts {
        NameParts(region: regionPlacement == .bracket ? "（\(region)）" : region, zihao: zihao, industry: industry,
                  form: groupWord + form)
    }
}
