import Foundation
import Hummingbird
import Metrics
import RegistryCore
import RegistryService
import RegistryStore

/// Unified applications (SPEC §4): accepted by clerks, reviewed by each department's reviewers, read by staff.
struct ApplicationRoutes<Store: RegistryStore>: Sendable {
    let registrar: Registrar<Store>

    static var staff: RouteAccess { .roles([.clerk, .reviewerMarket, .reviewerTax, .reviewerStatistics, .supervisor, .admin]) }

    func register(on routes: inout RouteTable) {
        routes.post("/v1/applications", .roles([.clerk])) { request, context in
            let (input, body) = try await Self.form(request, context)
            let result = try await registrar.accept(input, actor: context.actor,
                                                    idempotency: try Self.idempotent(request, context, body, status: .created))
            Counter(label: "yizhao_applications_accepted_total").increment()
            return try IdempotencyHeader.response(result) { try Self.render($0, status: .created) }
        }
        routes.get("/v1/applications", Self.staff) { request, _ in
            let query = request.uri.queryParameters
            let known: Set<String> = ["state", "after", "limit"]
            for (key, _) in query where !known.contains(String(key)) {
                throw Problem.invalidParameter(String(key), "Unknown query parameter '\(key)'; accepted: after, limit, state.")
            }
            var state: RegistryCore.Application.State?
            if let text = query["state"] {
                guard let parsed = RegistryCore.Application.State(rawValue: String(text)) else {
                    throw Problem.invalidParameter("state", "state is one of \(RegistryCore.Application.State.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                state = parsed
            }
            let limit = try Self.limit(query["limit"].map(String.init))
            let after = query["after"].map(String.init)
            if let after { _ = try Self.number(after) }
            let page = try await registrar.applications(state: state, after: after, limit: limit)
            return try JSONBody.response(ApplicationListDTO(applications: page.map(ApplicationView.init),
                                                            next: page.count == limit ? page.last?.number : nil))
        }
        routes.get("/v1/applications/:number", Self.staff) { _, context in
            try JSONBody.response(ApplicationView(try await registrar.application(number: try Self.number(context))))
        }
        routes.on(.put, "/v1/applications/:number", .roles([.clerk])) { request, context in
            let number = try Self.number(context)
            let (input, body) = try await Self.form(request, context)
            let result = try await registrar.correct(number: number, input, actor: context.actor,
                                                     idempotency: try Self.idempotent(request, context, body, status: .ok))
            return try IdempotencyHeader.response(result) { try Self.render($0, status: .ok) }
        }
        // 延长审查期限 (条例 第19条): recorded by the registration authority (the market department) or an administrator.
        routes.post("/v1/applications/:number/deadline-extension", .roles([.reviewerMarket, .admin])) { request, context in
            let number = try Self.number(context)
            let body = try await JSONBody.data(from: request, context: context)
            let input = try JSONDecoder().decode(DeadlineExtensionRequestDTO.self, from: body)
            let result = try await registrar.extendDeadline(number: number, reason: input.reason, approvedBy: input.approvedBy, actor: context.actor,
                                                            idempotency: try Self.idempotent(request, context, body, status: .ok))
            return try IdempotencyHeader.response(result) { try Self.render($0, status: .ok) }
        }
        for department in Department.allCases {
            // One route per department, so the gate itself lets only that department's reviewers in.
            routes.post("/v1/applications/:number/reviews/\(department.rawValue)", .roles([Role.reviewer(of: department)])) { request, context in
                try await review(request, context, department: department)
            }
        }
    }

    func review(_ request: Request, _ context: YizhaoRequestContext, department: Department) async throws -> Response {
        let number = try Self.number(context)
        let body = try await JSONBody.data(from: request, context: context)
        let review = try JSONDecoder().decode(ReviewRequestDTO.self, from: body)
        let decision = try Self.decision(review)
        guard let token = context.token else { throw Problem(.unauthorized, code: "unauthenticated", title: "A bearer token is required", detail: "") }
        let result = try await registrar.review(
            number: number, department: department, decision: decision, reasons: review.reasons ?? [], version: review.version,
            role: token.role, actor: context.actor, idempotency: try Self.idempotent(request, context, body, status: .ok))
        Counter(label: "yizhao_reviews_total", dimensions: [("department", department.rawValue), ("decision", decision.rawValue)]).increment()
        return try IdempotencyHeader.response(result) { try Self.render($0, status: .ok) }
    }

    static func render(_ application: RegistryCore.Application, status: HTTPResponse.Status) throws -> RecordedReply {
        try IdempotencyHeader.reply(ApplicationView(application), status: status,
                                    location: status == .created ? "/v1/applications/\(application.number)" : nil)
    }

    static func idempotent(_ request: Request, _ context: YizhaoRequestContext, _ body: Data,
                           status: HTTPResponse.Status) throws -> Idempotent<RegistryCore.Application>? {
        try IdempotencyHeader.idempotent(request, context, body: body) { try render($0, status: status) }
    }

    /// The application in the body, and the body's bytes (for the idempotency fingerprint).
    static func form(_ request: Request, _ context: YizhaoRequestContext) async throws -> (ApplicationInput, Data) {
        let body = try await JSONBody.data(from: request, context: context)
        return (try JSONDecoder().decode(ApplicationInput.self, from: body), body)
    }

    static func decision(_ review: ReviewRequestDTO) throws -> RegistryCore.Application.Review.Decision {
        var errors: [Problem.FieldError] = []
        let decision = RegistryCore.Application.Review.Decision(rawValue: review.decision)
        if decision == nil { errors.append(.init(field: "/decision", code: "invalid", message: "the decision is approve or return")) }
        let reasons = review.reasons ?? []
        if decision == .return && reasons.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            errors.append(.init(field: "/reasons", code: "required", message: "a return needs at least one reason"))
        }
        if reasons.count > 50 || reasons.contains(where: { $0.count > 500 }) {
            errors.append(.init(field: "/reasons", code: "too-long", message: "at most 50 reasons of at most 500 characters"))
        }
        if let version = review.version, version < 1 { errors.append(.init(field: "/version", code: "invalid", message: "versions start at 1")) }
        guard errors.isEmpty, let decision else {
            throw Problem(.unprocessableContent, code: "validation-failed", title: "The request has invalid fields",
                          detail: errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "), errors: errors)
        }
        return decision
    }

    /// The application number path segment: `SQ`, 8 date digits, 7 sequence digits (or more).
    static func number(_ context: YizhaoRequestContext) throws -> String { try number(context.parameters.get("number") ?? "") }

    static func number(_ text: String) throws -> String {
        guard (17...30).contains(text.utf8.count), text.hasPrefix("SQ"), text.utf8.dropFirst(2).allSatisfy({ (0x30...0x39).contains($0) }) else {
            throw Problem.invalidParameter("number", "“\(text.prefix(40))” is not an application number (SQ and digits).")
        }
        return text
    }

    static func limit(_ text: String?) throws -> Int {
        guard let text else { return 50 }
        guard let value = Int(text), (1...200).contains(value) else { throw Problem.invalidParameter("limit", "limit must be an integer 1–200.") }
        return value
    }
}
