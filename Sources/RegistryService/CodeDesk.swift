import RegistryCore

/// The code-validation use case shared by the HTTP and CLI edges.
public struct CodeDesk: Sendable {
    /// The most codes one batch request may carry.
    public static let maxBatch = 1_000
    /// Longest input accepted as a code candidate (a code with generous separators).
    public static let maxInputLength = 64

    /// The validator in use.
    public let validator: CreditCodeValidator
    /// The region table used to name a code's region.
    public var regions: RegionTable { validator.regions }

    /// Creates the desk.
    public init(validator: CreditCodeValidator = .standard) {
        self.validator = validator
    }

    /// Validates one input and describes the parts of a valid code.
    public func inspect(_ input: String) throws(CodeDeskError) -> CodeInspection {
        guard !input.isEmpty else { throw .emptyInput }
        guard input.count <= Self.maxInputLength else { throw .inputTooLong(length: input.count, limit: Self.maxInputLength) }
        return CodeInspection(validation: validator.validate(input), regions: regions)
    }

    /// Validates a batch of inputs, in order.
    public func inspect(batch inputs: [String]) throws(CodeDeskError) -> [CodeInspection] {
        guard !inputs.isEmpty else { throw .emptyBatch }
        guard inputs.count <= Self.maxBatch else { throw .batchTooLarge(count: inputs.count, limit: Self.maxBatch) }
        var results: [CodeInspection] = []
        results.reserveCapacity(inputs.count)
        for (index, input) in inputs.enumerated() {
            guard input.count <= Self.maxInputLength else {
                throw .batchItemTooLong(index: index, length: input.count, limit: Self.maxInputLength)
            }
            results.append(CodeInspection(validation: validator.validate(input), regions: regions))
        }
        return results
    }
}

/// What the code desk refuses to look at.
public enum CodeDeskError: Error, Sendable, Equatable {
    /// An empty code.
    case emptyInput
    /// An input longer than any code with separators could be.
    case inputTooLong(length: Int, limit: Int)
    /// A batch without codes.
    case emptyBatch
    /// A batch with more codes than allowed.
    case batchTooLarge(count: Int, limit: Int)
    /// One batch item is too long.
    case batchItemTooLong(index: Int, length: Int, limit: Int)
}

/// A validation result together with the decoded parts of a valid code.
public struct CodeInspection: Sendable, Hashable {
    /// The validation result with every finding.
    public let validation: CodeValidation
    /// The decoded parts, for a valid code.
    public let parts: CreditCodeParts?

    init(validation: CodeValidation, regions: RegionTable) {
        self.validation = validation
        self.parts = validation.code.map { CreditCodeParts(code: $0, regions: regions) }
    }
}

/// The fields a valid credit code encodes.
public struct CreditCodeParts: Sendable, Hashable {
    /// Position 1.
    public let authority: String
    /// The registration department of position 1.
    public let authorityName: String
    /// Position 2.
    public let category: String
    /// The entity category of positions 1–2.
    public let categoryName: String
    /// Positions 3–8.
    public let region: String
    /// The region's current name, or its latest former name.
    public let regionName: String?
    /// Whether positions 3–8 name a division that no longer exists under that code.
    public let regionIsHistorical: Bool
    /// Positions 9–17 as printed: `XXXXXXXX-X`.
    public let organizationCode: String

    init(code: CreditCode, regions: RegionTable) {
        let authority = code.authorityCharacter
        let category = code.categoryCharacter
        self.authority = String(authority)
        self.authorityName = RegistrationAuthority.authorityNames[authority] ?? ""
        self.category = String(category)
        self.categoryName = RegistrationAuthority.categoryNames["\(authority)\(category)"] ?? ""
        self.region = code.region.description
        self.regionName = regions.name(of: code.region.value)
        self.regionIsHistorical = regions.current(code.region.value) == nil
        self.organizationCode = code.organizationCode.description
    }
}
