import RegistryCore

/// The public view of one search result, shared by the HTTP API and `yizhao search --json`.
public struct SearchHitView: Encodable, Sendable, Hashable {
    public let code: String
    public let name: String
    /// Chinese display value (存续, 注销, …), as in the `entities` table.
    public let status: String
    /// API value (active, deregistered, …).
    public let statusCode: String
    public let type: String
    public let authority: String
    public let industryCode: String
    public let establishedOn: String
    /// 1 exact name, 2 exact 字号 or pinyin, 3 prefix, 4 substring.
    public let matchTier: Int

    /// The view of `hit`.
    public init(_ hit: SearchHit) {
        code = hit.code.rawValue
        name = hit.name
        status = hit.status.display
        statusCode = hit.status.rawValue
        type = hit.type.rawValue
        authority = hit.authority.description
        industryCode = hit.industry.rawValue
        establishedOn = hit.establishedOn.description
        matchTier = hit.tier
    }
}
