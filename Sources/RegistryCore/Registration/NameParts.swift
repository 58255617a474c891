/// The four parts of an enterprise name (规定 第6条): region, 字号, industry phrase, organisational form.
public struct NameParts: Sendable, Hashable, Codable {
    /// The region part as written (`长沙市`, `湖南`), empty if none.
    public var region: String
    /// The 字号 (trade name).
    public var zihao: String
    /// The industry or business-feature phrase (`网络科技`), empty if none.
    public var industry: String
    /// The organisational form (`有限公司`, `（有限合伙）`, `店`).
    public var form: String

    /// Creates the parts.
    public init(region: String, zihao: String, industry: String, form: String) {
        self.region = region
        self.zihao = zihao
        self.industry = industry
        self.form = form
    }
}
