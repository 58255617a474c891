import Foundation
import Hummingbird
import Metrics
import RegistryCore
import RegistryService
import RegistryStore

/// `POST /v1/name-checks`, `POST /v1/name-reservations`, `GET` and `DELETE /v1/name-reservations/{id}` (public:
/// the reservation id is random and is the holder's handle).
struct NameRoutes<Store: RegistryStore>: Sendable {
    let desk: NameDesk<Store>

    func register(on routes: inout RouteTable) {
        routes.post("/v1/name-checks", .open) { request, context in
            let body = try await JSONBody.decode(NameCheckRequestDTO.self, from: request, context: context)
            let checked = try NameDesk<Store>.request(name: body.name, type: body.type, industry: body.industry, authority: body.authority,
                                                      parent: body.parent, related: body.related ?? [])
            let result = try await desk.check(checked)
            Counter(label: "yizhao_name_checks_total", dimensions: [("verdict", result.verdict.rawValue)]).increment()
            return try JSONBody.response(NameCheckView(result))
        }
        routes.post("/v1/name-reservations", .open) { request, context in
            let data = try await JSONBody.data(from: request, context: context)
            let body = try JSONDecoder().decode(NameCheckRequestDTO.self, from: data)
            let extras = try JSONDecoder().decode(NameReservationExtrasDTO.self, from: data)
            let applicant = extras.applicant.trimmingCharacters(in: .whitespaces)
            var checked: NameCheckRequest?
            var problems: [NameDeskError.FieldProblem] = []
            do throws(NameDeskError) {
                checked = try NameDesk<Store>.request(name: body.name, type: body.type, industry: body.industry, authority: body.authority,
                                                      parent: body.parent, related: body.related ?? [])
            } catch {
                if case .invalidRequest(let found) = error { problems = found } else { throw error }
            }
            if applicant.isEmpty || applicant.count > 200 {
                problems.append(.init(field: "applicant", message: "the applicant (the investors' names) is required, at most 200 characters"))
            }
            guard problems.isEmpty, let checked else { throw NameDeskError.invalidRequest(problems) }
            let render: @Sendable (NameReservationOutcome) throws -> RecordedReply? = { outcome in
                guard let reservation = outcome.reservation else { return nil }
                return try IdempotencyHeader.reply(NameReservationCreatedDTO(reservation: NameReservationView(reservation), check: NameCheckView(outcome.check)),
                                                   status: .created, location: "/v1/name-reservations/\(reservation.id)")
            }
            let key = try IdempotencyHeader.key(request, body: data, scope: "public")
            let result = try await desk.reserve(checked, applicant: applicant, needsPreapproval: extras.needsPreapproval ?? false,
                                                commitment: extras.nameCommitment == true, actor: context.actor,
                                                idempotency: key.map { Idempotent(key: $0, render: render) })
            if case .fresh = result { Counter(label: "yizhao_name_reservations_total").increment() }
            return try IdempotencyHeader.response(result) { outcome in
                guard let reply = try render(outcome) else { throw NameDeskError.notReservable(outcome.check) }
                return reply
            }
        }
        routes.get("/v1/name-reservations/:id", .open) { _, context in
            try JSONBody.response(NameReservationView(try await desk.reservation(id: try Self.id(context))))
        }
        routes.on(.delete, "/v1/name-reservations/:id", .open) { request, context in
            let render: @Sendable (NameReservation) throws -> RecordedReply? = { try IdempotencyHeader.reply(NameReservationView($0), status: .ok) }
            let key = try IdempotencyHeader.key(request, body: Data(), scope: "public")
            let result = try await desk.cancel(id: try Self.id(context), actor: context.actor, idempotency: key.map { Idempotent(key: $0, render: render) })
            return try IdempotencyHeader.response(result) { try IdempotencyHeader.reply(NameReservationView($0), status: .ok) }
        }
    }

    /// The id path segment: `NR` and up to 40 code characters (anything else cannot exist).
    static func id(_ context: YizhaoRequestContext) throws -> String {
        let id = context.parameters.get("id") ?? ""
        guard id.count <= 42, id.hasPrefix("NR"), id.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || $0 == 0x2D }) else {
            throw Problem.invalidParameter("id", "“\(id.prefix(50))” is not a name reservation id (NR followed by letters and digits).")
        }
        return id
    }
}
