import RegistryCore
import RegistryService

/// JSON form of one code's validation: the input, its normalised form, validity, every finding
/// and, for a valid code, its decoded parts.
struct CodeInspectionDTO: Encodable, Sendable {
    struct FindingDTO: Encodable, Sendable {
        let rule: String
        let position: String?
        let found: String
        let expected: String?
        let message: String
    }

    struct PartsDTO: Encodable, Sendable {
        let authority: String
        let authorityName: String
        let category: String
        let categoryName: String
        let region: String
        let regionName: String?
        let regionIsHistorical: Bool
        let organizationCode: String
    }

    let input: String
    let normalized: String
    let valid: Bool
    let findings: [FindingDTO]
    let parts: PartsDTO?

    init(_ inspection: CodeInspection) {
        let validation = inspection.validation
        input = validation.input
        normalized = validation.normalized
        valid = validation.isValid
        findings = validation.findings.map {
            FindingDTO(rule: $0.rule.rawValue, position: $0.positionText, found: $0.found, expected: $0.expected, message: $0.message)
        }
        parts = inspection.parts.map {
            PartsDTO(authority: $0.authority, authorityName: $0.authorityName, category: $0.category,
                     categoryName: $0.categoryName, region: $0.region, regionName: $0.regionName,
                     regionIsHistorical: $0.regionIsHistorical, organizationCode: $0.organizationCode)
        }
    }
}

/// Body of `POST /v1/code-validations`.
struct CodeBatchRequestDTO: Decodable, Sendable {
    let codes: [String]
}

/// Response of `POST /v1/code-validations`.
struct CodeBatchResponseDTO: Encodable, Sendable {
    let total: Int
    let valid: Int
    let invalid: Int
    let results: [CodeInspectionDTO]
}
