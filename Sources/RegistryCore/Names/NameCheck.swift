/// What an applicant asks the pre-check (SPEC §2, §7 `yizhao name check`).
public struct NameCheckRequest: Sendable, Hashable {
    /// The proposed name.
    public var name: String
    /// The entity type it will register as.
    public var type: EntityType
    /// The declared GB/T 4754 code (小类 or coarser).
    public var industry: IndustryCode
    /// The registering authority's region.
    public var authority: RegionCode
    /// For a branch: the parent's registered name.
    public var parentName: String?
    /// Entities the applicant declares an investment relationship with or a transfer from (规定 第17条):
    /// blocks against them become `I-CONFLICT-WAIVED`, to be verified by a reviewer.
    public var relatedCodes: Set<CreditCode>

    /// Creates a request.
    public init(name: String, type: EntityType, industry: IndustryCode, authority: RegionCode,
                parentName: String? = nil, relatedCodes: Set<CreditCode> = []) {
        self.name = name
        self.type = type
        self.industry = industry
        self.authority = authority
        self.parentName = parentName
        self.relatedCodes = relatedCodes
    }
}

/// Settings of the check that a deployment may change (`domain/names.md` §4, §8, §9).
public struct NameCheckPolicy: Sendable, Hashable {
    /// How coarse "same industry" is: the GB/T 4754 level two codes must share.
    public enum IndustryLevel: String, Sendable, Hashable { case section, division, group }

    /// Longest name accepted (N-LENGTH), in characters.
    public var maximumLength: Int
    /// The level of "same industry" (default 大类).
    public var sameIndustryLevel: IndustryLevel
    /// How long a deregistered, renamed or revoked name keeps counting, in months (规定 第17条: one year).
    public var cooldownMonths: Int

    /// The defaults: 50 characters, same 大类, 12 months.
    public static let standard = NameCheckPolicy(maximumLength: 50, sameIndustryLevel: .division, cooldownMonths: 12)

    /// Creates a policy.
    public init(maximumLength: Int, sameIndustryLevel: IndustryLevel, cooldownMonths: Int) {
        self.maximumLength = maximumLength
        self.sameIndustryLevel = sameIndustryLevel
        self.cooldownMonths = cooldownMonths
    }
}

/// The outcome: `rejected` > `blocked` > `warning` > `available` (`domain/names.md` §9).
public enum NameVerdict: String, Sendable, Hashable, Codable {
    case rejected, blocked, warning, available

    /// The verdict of a set of severities.
    public init(severities: some Sequence<NameSeverity>) {
        switch severities.max() {
        case .reject: self = .rejected
        case .block: self = .blocked
        case .warn: self = .warning
        case .info, nil: self = .available
        }
    }

    /// Whether the name may be reserved (a warning needs the applicant's commitment).
    public var allowsReservation: Bool { self == .available || self == .warning }
}

/// The full answer of a pre-check: verdict, every finding and conflict, and the parse.
public struct NameCheckResult: Sendable, Hashable {
    /// The verdict.
    public var verdict: NameVerdict
    /// Findings about the name itself.
    public var findings: [NameFinding]
    /// Conflicts with existing names, one per existing name.
    public var conflicts: [NameConflict]
    /// The parse.
    public var parse: ParsedName

    /// Creates a result; the verdict follows from the findings and conflicts.
    public init(findings: [NameFinding], conflicts: [NameConflict], parse: ParsedName) {
        self.findings = findings
        self.conflicts = conflicts
        self.parse = parse
        self.verdict = NameVerdict(severities: findings.map(\.severity) + conflicts.map(\.severity))
    }
}
