import RegistryCore

/// The roles of SPEC §0 and §6; every route declares which of them may call it.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    /// 窗口: accepts applications, files changes and deregistrations.
    case clerk
    /// 市场监管 reviewer.
    case reviewerMarket = "reviewer.market"
    /// 税务 reviewer.
    case reviewerTax = "reviewer.tax"
    /// 统计 reviewer.
    case reviewerStatistics = "reviewer.statistics"
    /// 电子监察: deadlines and statistics.
    case supervisor
    /// Snapshots, change feed, audit log.
    case auditor
    /// Operators: tokens and everything else.
    case admin

    /// The department a reviewer role reviews for.
    public var department: Department? {
        switch self {
        case .reviewerMarket: .market
        case .reviewerTax: .tax
        case .reviewerStatistics: .statistics
        default: nil
        }
    }

    /// The reviewer role of a department.
    public static func reviewer(of department: Department) -> Role {
        switch department {
        case .market: .reviewerMarket
        case .tax: .reviewerTax
        case .statistics: .reviewerStatistics
        }
    }
}

/// What a token may do beyond its role.
public enum Privilege: String, Sendable, Hashable, Codable, CaseIterable {
    /// An auditor may export snapshots with personal ID numbers unmasked (SPEC §5).
    case personalIDs = "personal-ids"
}

/// A bearer token as the registry stores it: only the SHA-256 of the secret is kept.
public struct AccessToken: Sendable, Hashable {
    /// Assigned by the store.
    public var id: Int64
    /// A label for people and the audit log (`窗口3 张敏`).
    public var label: String
    /// What it may do.
    public var role: Role
    /// What it may do beyond its role.
    public var privileges: Set<Privilege>
    /// Lower-case hex SHA-256 of the secret.
    public var secretHash: String
    /// When it was created.
    public var createdAt: Instant
    /// When it was revoked; a revoked token authenticates nothing.
    public var revokedAt: Instant?

    /// Creates a token record.
    public init(id: Int64, label: String, role: Role, privileges: Set<Privilege> = [], secretHash: String, createdAt: Instant, revokedAt: Instant?) {
        self.id = id
        self.label = label
        self.role = role
        self.privileges = privileges
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// Who performs a mutation, for the audit log.
public struct Actor: Sendable, Hashable {
    /// The token's label (or `cli`, `public`).
    public var label: String
    /// The role acted in (`public` for unauthenticated routes).
    public var role: String
    /// The request id the action was made under, if any.
    public var requestID: String?

    /// An unidentified member of the public (no token, no request).
    public static let `public` = Actor(label: "public", role: "public", requestID: nil)

    /// Creates an actor.
    public init(label: String, role: String, requestID: String?) {
        self.label = label
        self.role = role
        self.requestID = requestID
    }
}
