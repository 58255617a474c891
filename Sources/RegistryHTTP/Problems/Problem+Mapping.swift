import Foundation
import HTTPTypes
import Hummingbird
import Logging
import RegistryCore
import RegistryService
import RegistryStore

/// The one mapping from errors that reach the HTTP edge to problem documents.
enum ProblemMapping {
    /// The problem for any error a handler or middleware threw.
    static func problem(for error: any Error) -> Problem? {
        switch error {
        case let problem as Problem:
            return problem
        case let error as CodeDeskError:
            return codeDeskProblem(error)
        case let error as DirectoryError:
            return directoryProblem(error)
        case let error as StoreError:
            return storeProblem(error)
        case let error as NameDeskError:
            return nameDeskProblem(error)
        case let error as RegistrarError:
            return registrarProblem(error)
        case let error as SnapshotError:
            return snapshotProblem(error)
        case let error as SnapshotRefusal:
            return snapshotRefusalProblem(error)
        case let error as OpenDataError:
            switch error {
            case .invalidCursor: return .invalidParameter("cursor", "The cursor is not one this dataset issued for this category; start without one.")
            case .store(let error): return storeProblem(error)
            }
        case let error as DecodingError:
            return .invalidJSON(describe(error))
        case let error as HTTPError:
            return httpErrorProblem(error)
        case let error as any HTTPResponseError:
            return Problem(error.status, code: slug(error.status), title: error.status.reasonPhrase, detail: error.status.reasonPhrase)
        default:
            return nil
        }
    }

    static func codeDeskProblem(_ error: CodeDeskError) -> Problem {
        switch error {
        case .emptyInput:
            return .invalidParameter("code", "The code is empty.")
        case .inputTooLong(let length, let limit):
            return .invalidParameter("code", "The code has \(length) characters; at most \(limit) are accepted.")
        case .emptyBatch:
            return Problem(.unprocessableContent, code: "validation-failed", title: "The request has invalid fields",
                           detail: "`codes` must hold at least one code.",
                           errors: [.init(field: "/codes", code: "empty", message: "at least one code is required")])
        case .batchTooLarge(let count, let limit):
            return Problem(.unprocessableContent, code: "validation-failed", title: "The request has invalid fields",
                           detail: "`codes` holds \(count) codes; at most \(limit) are accepted per request.",
                           errors: [.init(field: "/codes", code: "too-many", message: "at most \(limit) codes")])
        case .batchItemTooLong(let index, let length, let limit):
            return Problem(.unprocessableContent, code: "validation-failed", title: "The request has invalid fields",
                           detail: "Code \(index) has \(length) characters; at most \(limit) are accepted.",
                           errors: [.init(field: "/codes/\(index)", code: "too-long", message: "at most \(limit) characters")])
        }
    }

    static func httpErrorProblem(_ error: HTTPError) -> Problem {
        switch error.status {
        case .notFound:
            return Problem(.notFound, code: "not-found", title: "No such resource", detail: "Nothing is served at this path.")
        case .methodNotAllowed:
            return Problem(.methodNotAllowed, code: "method-not-allowed", title: "Method not allowed",
                           detail: "This path does not accept that method.", headers: error.headers)
        case .contentTooLarge:
            return Problem(.contentTooLarge, code: "body-too-large", title: "The request body is too large",
                           detail: error.body ?? "The request body exceeds the limit.")
        default:
            return Problem(error.status, code: slug(error.status), title: error.status.reasonPhrase,
                           detail: error.body ?? error.status.reasonPhrase, headers: error.headers)
        }
    }

    /// `Bad Request` → `bad-request`.
    static func slug(_ status: HTTPResponse.Status) -> String {
        status.reasonPhrase.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
    }

    /// A one-line account of a JSON decoding failure, naming the field.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let pointer = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
            return pointer.isEmpty ? "the body" : "/" + pointer
        }
        switch error {
        case .typeMismatch(let type, let context):
            return "\(path(context)): expected \(type)."
        case .valueNotFound(let type, let context):
            return "\(path(context)): expected \(type), found null."
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "\(parent == "the body" ? "" : parent)/\(key.stringValue): required field is missing."
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "The body is not well-formed JSON." }
            return "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "The body could not be decoded."
        }
    }

    static func directoryProblem(_ error: DirectoryError) -> Problem {
        switch error {
        case .invalidSearch(let invalid):
            return Problem(.badRequest, code: "invalid-search", title: "The search request is invalid",
                           detail: invalid.problems.map(\.message).joined(separator: "; "),
                           errors: invalid.problems.map { .init(field: $0.parameter, code: "invalid", message: $0.message) })
        case .invalidCode(let invalid):
            return Problem(.badRequest, code: "invalid-code", title: "The code is not a valid unified social credit code",
                           detail: invalid.description,
                           errors: invalid.findings.map { .init(field: "code", code: $0.rule.rawValue, message: $0.message) })
        case .notFound(let code):
            return Problem(.notFound, code: "entity-not-found", title: "No such entity", detail: "No entity in this registry has the code \(code).")
        case .store(let error):
            return storeProblem(error)
        }
    }

    static func storeProblem(_ error: StoreError) -> Problem {
        switch error {
        case .entityNotFound(let code):
            return Problem(.notFound, code: "entity-not-found", title: "No such entity", detail: "No entity in this registry has the code \(code).")
        case .reservationNotFound(let id):
            return Problem(.notFound, code: "reservation-not-found", title: "No such name reservation",
                           detail: "No name reservation has the id \(id).")
        case .applicationNotFound(let number):
            return Problem(.notFound, code: "application-not-found", title: "No such application", detail: "No application has the number \(number).")
        case .tokenNotFound(let id):
            return Problem(.notFound, code: "token-not-found", title: "No such access token", detail: "No access token has the id \(id).")
        case .noticeNotFound(let code, let id):
            return Problem(.notFound, code: "notice-not-found", title: "No such 简易注销 notice",
                           detail: "\(code) has no simplified-deregistration notice with the id \(id).")
        case .abnormalListingNotFound(let code, let id):
            return Problem(.notFound, code: "listing-not-found", title: "No such 经营异常名录 listing",
                           detail: "\(code) has no 经营异常名录 listing with the id \(id).")
        case .application(let error):
            return applicationProblem(error)
        case .idempotencyKeyReused(let key):
            return Problem(.unprocessableContent, code: "idempotency-key-reused", title: "The Idempotency-Key was used for another request",
                           detail: "The key \(key) was first used with a different request; use a new key for a new request.")
        case .conflict(let what):
            return Problem(.conflict, code: "conflict", title: "Conflict", detail: what)
        case .invalidState(let message):
            return Problem(.conflict, code: "invalid-state", title: "Not allowed in the current state", detail: message)
        case .unknownMigrations, .notMigrated, .sequenceExhausted, .backend, .injected:
            return Problem(.serviceUnavailable, code: "storage-unavailable", title: "The registry storage failed",
                           detail: "The registry could not complete the request; quote the request id when reporting it.")
        }
    }

    static func snapshotProblem(_ error: SnapshotError) -> Problem {
        switch error {
        case .store(let error):
            return storeProblem(error)
        case .noFormat:
            return .invalidParameter("formats", "Choose at least one format: csv, ndjson.")
        case .outputNotEmpty, .io, .rowCountMismatch:
            return Problem(.internalServerError, code: "snapshot-failed", title: "The snapshot could not be written",
                           detail: "The snapshot was not taken (nothing was recorded): \(error)")
        }
    }

    static func snapshotRefusalProblem(_ refusal: SnapshotRefusal) -> Problem {
        switch refusal {
        case .busy:
            return Problem(.conflict, code: "snapshot-in-progress", title: "A snapshot is being taken",
                           detail: "Another snapshot is being written; retry when it completes.", headers: [.retryAfter: "5"])
        case .privilegeRequired:
            return Problem(.forbidden, code: "privilege-required", title: "The token lacks the personal-ids privilege",
                           detail: "Unmasked personal ID numbers need an auditor token created with --privilege personal-ids.")
        case .notFound(let detail):
            return Problem(.notFound, code: "snapshot-not-found", title: "No such snapshot file", detail: detail)
        }
    }

    static func registrarProblem(_ error: RegistrarError) -> Problem {
        switch error {
        case .invalidForm(let invalid):
            return Problem(.unprocessableContent, code: "validation-failed", title: "The request has invalid fields",
                           detail: "\(invalid.errors.count) field(s) to correct: " + invalid.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "),
                           errors: invalid.errors.map { .init(field: $0.field, code: $0.code, message: $0.message) })
        case .nameNotAccepted(let result):
            return nameDeskProblem(.notReservable(result))
        case .nameCommitmentRequired(let result, let field):
            return commitmentProblem(result, field: field)
        case .applicationNotFound(let number):
            return storeProblem(.applicationNotFound(number))
        case .wrongDepartment(let role, let department):
            return Problem(.forbidden, code: "wrong-department", title: "Reviewers review only their own department's part",
                           detail: "Role \(role.rawValue) cannot review the \(department.rawValue) part.")
        case .store(let error):
            return storeProblem(error)
        }
    }

    /// 422 `name-commitment-required`: the check warns and `field` (the commitment) is missing; the check attached.
    static func commitmentProblem(_ result: NameCheckResult, field: String) -> Problem {
        var problem = Problem(.unprocessableContent, code: "name-commitment-required",
                              title: "The name has risk warnings: the applicant's commitment is required",
                              detail: (result.findings.filter { $0.severity == .warn }.map(\.messageEnglish)
                                  + result.conflicts.filter { $0.severity == .warn }.map(\.messageEnglish)).joined(separator: "; ")
                                  + ". Send nameCommitment: true to accept them (办法 第22条).",
                              errors: [.init(field: field, code: "required", message: "the check warns; the applicant must accept the warnings")])
        problem.check = NameCheckView(result)
        return problem
    }

    static func applicationProblem(_ error: ApplicationError) -> Problem {
        switch error {
        case .wrongState:
            return Problem(.conflict, code: "wrong-state", title: "Not allowed in the application's current state", detail: error.description)
        case .alreadyReviewed:
            return Problem(.conflict, code: "already-reviewed", title: "The department already decided on this version", detail: error.description)
        case .staleVersion:
            return Problem(.conflict, code: "stale-version", title: "The reviewed version is no longer current", detail: error.description)
        case .reasonsRequired:
            return Problem(.unprocessableContent, code: "validation-failed", title: "The request has invalid fields", detail: error.description,
                           errors: [.init(field: "/reasons", code: "required", message: "a return needs at least one reason")])
        case .unchangedResubmission:
            return Problem(.unprocessableContent, code: "unchanged-resubmission", title: "The correction changes nothing", detail: error.description)
        case .kindMismatch:
            return Problem(.unprocessableContent, code: "kind-mismatch", title: "A correction must be of the same kind", detail: error.description)
        case .alreadyExtended:
            return Problem(.conflict, code: "already-extended", title: "The deadline was already extended once", detail: error.description)
        case .deadlinePassed:
            return Problem(.conflict, code: "deadline-passed", title: "The deadline has passed", detail: error.description)
        }
    }

    static func nameDeskProblem(_ error: NameDeskError) -> Problem {
        switch error {
        case .invalidRequest(let problems):
            return Problem(.unprocessableContent, code: "validation-failed", title: "The request has invalid fields",
                           detail: problems.map { "\($0.field): \($0.message)" }.joined(separator: "; "),
                           errors: problems.map { .init(field: "/" + $0.field, code: "invalid", message: $0.message) })
        case .notReservable(let result):
            var problem = result.verdict == .rejected
                ? Problem(.unprocessableContent, code: "name-rejected", title: "The name breaks the naming rules",
                          detail: result.findings.filter { $0.severity == .reject }.map(\.messageEnglish).joined(separator: "; "))
                : Problem(.conflict, code: "name-blocked", title: "The name conflicts with an existing name",
                          detail: result.conflicts.filter { $0.severity == .block }.map(\.messageEnglish).joined(separator: "; "))
            problem.check = NameCheckView(result)
            return problem
        case .commitmentRequired(let result):
            return commitmentProblem(result, field: "/nameCommitment")
        case .reservationNotFound(let id):
            return storeProblem(.reservationNotFound(id))
        case .store(let error):
            return storeProblem(error)
        }
    }
}
