import Hummingbird
import RegistryCore
import RegistryService
import RegistryStore

/// `GET /v1/supervision/overdue`, `…/due-soon?days=N` and `…/stats?from=&to=` (supervisors and admins).
struct SupervisionRoutes<Store: RegistryStore>: Sendable {
    let desk: SupervisionDesk<Store>

    static var access: RouteAccess { .roles([.supervisor, .admin]) }

    struct DueList: Codable, Sendable {
        let applications: [SupervisionDesk<Store>.DueCase]
    }

    func register(on routes: inout RouteTable) {
        routes.get("/v1/supervision/overdue", Self.access) { request, _ in
            try Self.only(["limit"], request)
            return try JSONBody.response(DueList(applications: try await desk.overdue(limit: try Self.limit(request))))
        }
        routes.get("/v1/supervision/due-soon", Self.access) { request, _ in
            try Self.only(["limit", "days"], request)
            var days = 1
            if let text = request.uri.queryParameters["days"] {
                guard let value = Int(text), (0...30).contains(value) else {
                    throw Problem.invalidParameter("days", "days is a number of working days, 0–30.")
                }
                days = value
            }
            return try JSONBody.response(DueList(applications: try await desk.dueSoon(workingDays: days, limit: try Self.limit(request))))
        }
        routes.get("/v1/supervision/stats", Self.access) { request, _ in
            try Self.only(["from", "to"], request)
            let query = request.uri.queryParameters
            var errors: [Problem.FieldError] = []
            let from = query["from"].flatMap { CalendarDate(iso: $0) }
            let to = query["to"].flatMap { CalendarDate(iso: $0) }
            if from == nil { errors.append(.init(field: "from", code: "invalid", message: "from is the first day, YYYY-MM-DD")) }
            if to == nil { errors.append(.init(field: "to", code: "invalid", message: "to is the last day (inclusive), YYYY-MM-DD")) }
            if let from, let to, to < from || to.daysSinceEpoch - from.daysSinceEpoch > 366 {
                errors.append(.init(field: "to", code: "invalid", message: "to is on or after from, at most 366 days later"))
            }
            guard errors.isEmpty, let from, let to else {
                throw Problem(.badRequest, code: "invalid-parameter", title: "A request parameter is invalid",
                              detail: errors.map(\.message).joined(separator: "; "), errors: errors)
            }
            return try JSONBody.response(try await desk.statistics(from: from, to: to))
        }
    }

    static func only(_ known: Set<String>, _ request: Request) throws {
        for (key, _) in request.uri.queryParameters where !known.contains(String(key)) {
            throw Problem.invalidParameter(String(key), "Unknown query parameter '\(key)'; accepted: \(known.sorted().joined(separator: ", ")).")
        }
    }

    static func limit(_ request: Request) throws -> Int {
        guard let text = request.uri.queryParameters["limit"] else { return 100 }
        guard let value = Int(text), (1...1_000).contains(value) else { throw Problem.invalidParameter("limit", "limit must be an integer 1–1000.") }
        return value
    }
}
