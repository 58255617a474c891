import RegistryCore
import RegistryStore

/// Why an application request failed. Mapped once per edge.
public enum RegistrarError: Error, Sendable, Hashable {
    /// The form has invalid fields; every one is listed.
    case invalidForm(FormErrors)
    /// The proposed name does not pass the pre-check (verdict rejected or blocked).
    case nameNotAccepted(NameCheckResult)
    /// The name check warns and the applicant has not given the commitment (`nameCommitment`).
    case nameCommitmentRequired(NameCheckResult, field: String)
    /// No application has this number.
    case applicationNotFound(String)
    /// The reviewer's role is not the department's.
    case wrongDepartment(role: Role, department: Department)
    /// The store failed or refused (including application transitions).
    case store(StoreError)
}
