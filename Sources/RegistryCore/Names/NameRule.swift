/// How much a finding weighs (`domain/names.md` §9).
public enum NameSeverity: String, Sendable, Hashable, Codable, Comparable {
    /// No effect on the verdict.
    case info
    /// 风险提示: allowed with the applicant's commitment.
    case warn
    /// A conflict with an existing name: blocked.
    case block
    /// A rule violation: rejected.
    case reject

    private var rank: Int {
        switch self {
        case .info: 0
        case .warn: 1
        case .block: 2
        case .reject: 3
        }
    }

    public static func < (lhs: NameSeverity, rhs: NameSeverity) -> Bool { lhs.rank < rhs.rank }
}

/// The rules a name is checked against, with their stable ids and articles (`domain/names.md` §9).
public enum NameRule: String, Sendable, Hashable, Codable, CaseIterable {
    case script = "N-SCRIPT"
    case length = "N-LENGTH"
    case formMissing = "N-FORM-MISSING"
    case formMismatch = "N-FORM-MISMATCH"
    case zihaoLength = "N-ZIHAO-LENGTH"
    case zihaoIsRegion = "N-ZIHAO-IS-REGION"
    case zihaoIsIndustry = "N-ZIHAO-IS-INDUSTRY"
    case regionUnknown = "N-REGION-UNKNOWN"
    case regionFormer = "N-REGION-FORMER"
    case regionDistrictNeedsCity = "N-REGION-DISTRICT-NEEDS-CITY"
    case regionZoneAlone = "N-REGION-ZONE-ALONE"
    case regionNotLocal = "N-REGION-NOT-LOCAL"
    case regionIndividualLevel = "N-REGION-INDIVIDUAL-LEVEL"
    case regionMissing = "N-REGION-MISSING"
    case industryMissing = "N-INDUSTRY-MISSING"
    case industryMismatch = "N-INDUSTRY-MISMATCH"
    case forbidden = "N-FORBIDDEN"
    case misleading = "N-MISLEADING"
    case nonprofit = "N-NONPROFIT"
    case stateStrategy = "N-STATE-STRATEGY"
    case chinaWords = "N-CHINA-WORDS"
    case chinaBracket = "N-CHINA-BRACKET"
    case group = "N-GROUP"
    case branch = "N-BRANCH"
    case identical = "C-IDENTICAL"
    case reordered = "C-REORDERED"
    case sameZihaoSameIndustry = "C-SAME-ZIHAO-SAME-INDUSTRY"
    case sameZihaoNoIndustry = "C-SAME-ZIHAO-NO-INDUSTRY"
    case homophone = "W-HOMOPHONE"
    case contains = "W-CONTAINS"
    case variant = "W-VARIANT"
    case sameZihaoOtherIndustry = "W-SAME-ZIHAO-OTHER-INDUSTRY"
    case conflictWaived = "I-CONFLICT-WAIVED"

    /// The stable id (`N-SCRIPT`).
    public var id: String { rawValue }

    /// The severity the rule carries unless a finding says otherwise (word lists set theirs per row).
    public var severity: NameSeverity {
        switch self {
        case .regionMissing, .industryMissing, .industryMismatch, .stateStrategy, .chinaBracket, .group,
             .homophone, .contains, .variant, .sameZihaoOtherIndustry: .warn
        case .identical, .reordered, .sameZihaoSameIndustry, .sameZihaoNoIndustry: .block
        case .conflictWaived: .info
        default: .reject
        }
    }

    /// The article the rule comes from.
    public var article: String {
        switch self {
        case .script: "规定 第5条; 办法 第7条"
        case .length: "product bound"
        case .formMissing: "规定 第10条; 办法 第12条"
        case .formMismatch: "办法 第12条, 第53条"
        case .zihaoLength, .zihaoIsRegion, .zihaoIsIndustry: "规定 第8条; 办法 第10条"
        case .regionUnknown, .regionFormer, .regionDistrictNeedsCity, .regionZoneAlone, .regionNotLocal: "规定 第7条"
        case .regionIndividualLevel: "办法 第53条"
        case .regionMissing: "规定 第6条; 办法 第19条, 第21条"
        case .industryMissing: "规定 第6条; 办法 第20条"
        case .industryMismatch: "规定 第9条; 办法 第11条"
        case .forbidden: "规定 第11条"
        case .misleading: "办法 第16条(二)"
        case .nonprofit: "办法 第16条(四)"
        case .stateStrategy: "办法 第16条(一)"
        case .chinaWords: "规定 第12条; 办法 第14条"
        case .chinaBracket: "规定 第12条; 办法 第15条"
        case .group: "规定 第14条; 办法 第17–18条"
        case .branch: "规定 第13条; 办法 第13条"
        case .identical: "规定 第17条; 2017 比对规则 第3条(一)"
        case .reordered: "办法 第24条(一)"
        case .sameZihaoSameIndustry: "规定 第17条; 办法 第24条(二)(三)"
        case .sameZihaoNoIndustry: "规定 第17条; 办法 第20条"
        case .homophone: "规定 第16条; 办法 第21条; 2017 比对规则 第4条(二)"
        case .contains: "办法 第21条; 2017 比对规则 第4条(三)"
        case .variant: "办法 第21条"
        case .sameZihaoOtherIndustry: "规定 第16条; 办法 第21条"
        case .conflictWaived: "规定 第17条"
        }
    }

    /// Conflicts are reported once per existing name, with the most specific rule: lower ranks win.
    var conflictRank: Int {
        switch self {
        case .identical: 0
        case .reordered: 1
        case .sameZihaoSameIndustry: 2
        case .sameZihaoNoIndustry: 3
        case .homophone: 4
        case .variant: 5
        case .contains: 6
        case .sameZihaoOtherIndustry: 7
        default: 9
        }
    }
}

/// One thing the check found about the proposed name itself.
public struct NameFinding: Sendable, Hashable, Codable {
    /// The rule.
    public var rule: NameRule
    /// Its weight here (word-list rules take the row's; a straddling word is downgraded).
    public var severity: NameSeverity
    /// What is wrong, in Chinese.
    public var message: String
    /// The same in English.
    public var messageEnglish: String
    /// The offending text, if one part of the name is at fault.
    public var text: String?
    /// Its character offset in the normalised name.
    public var position: Int?
    /// A suggested replacement (the simplified character, the current region name).
    public var suggestion: String?

    /// Creates a finding.
    public init(rule: NameRule, severity: NameSeverity? = nil, message: String, messageEnglish: String,
                text: String? = nil, position: Int? = nil, suggestion: String? = nil) {
        self.rule = rule
        self.severity = severity ?? rule.severity
        self.message = message
        self.messageEnglish = messageEnglish
        self.text = text
        self.position = position
        self.suggestion = suggestion
    }
}
