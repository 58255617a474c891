import Foundation
import Hummingbird
import RegistryCore
import RegistryService
import RegistryStore

/// 简易注销 notices (`domain/process.md` §6): `POST /v1/entities/{code}/deregistration-notices` files one (the counter,
/// for the entity), `POST …/{id}/objection` records an objection (the departments' reviewers, administrators), `GET`
/// lists them (public).
struct NoticeRoutes<Store: RegistryStore>: Sendable {
    let registrar: Registrar<Store>

    func register(on routes: inout RouteTable) {
        let registrar = registrar
        routes.post("/v1/entities/:code/deregistration-notices", .roles([.clerk, .admin])) { request, context in
            let code = try PathCode.parse(context)
            let body = try await JSONBody.data(from: request, context: context)
            let input = try JSONDecoder().decode(NoticeRequestDTO.self, from: body)
            let today = registrar.now().chinaDay
            let result = try await registrar.fileDeregistrationNotice(
                code: code, investorsCommitment: input.investorsCommitment, actor: context.actor,
                idempotency: try IdempotencyHeader.idempotent(request, context, body: body) { try Self.render($0, today: today, status: .created) })
            return try IdempotencyHeader.response(result) { try Self.render($0, today: today, status: .created) }
        }
        routes.post("/v1/entities/:code/deregistration-notices/:id/objection",
                    .roles([.reviewerMarket, .reviewerTax, .reviewerStatistics, .admin])) { request, context in
            let code = try PathCode.parse(context)
            let text = context.parameters.get("id") ?? ""
            guard let id = Int64(text), id > 0 else { throw Problem.invalidParameter("id", "“\(text.prefix(40))” is not a notice id (a positive integer).") }
            let body = try await JSONBody.data(from: request, context: context)
            let input = try JSONDecoder().decode(ObjectionRequestDTO.self, from: body)
            let today = registrar.now().chinaDay
            let result = try await registrar.objectToDeregistrationNotice(
                code: code, id: id, party: input.party, reason: input.reason, actor: context.actor,
                idempotency: try IdempotencyHeader.idempotent(request, context, body: body) { try Self.render($0, today: today, status: .ok) })
            return try IdempotencyHeader.response(result) { try Self.render($0, today: today, status: .ok) }
        }
        routes.get("/v1/entities/:code/deregistration-notices", .open) { _, context in
            let notices = try await registrar.deregistrationNotices(code: try PathCode.parse(context))
            let today = registrar.now().chinaDay
            return try JSONBody.response(NoticeListDTO(notices: notices.map { NoticeView($0, today: today) }))
        }
    }

    static func render(_ notice: DeregistrationNotice, today: CalendarDate, status: HTTPResponse.Status) throws -> RecordedReply {
        try IdempotencyHeader.reply(NoticeView(notice, today: today), status: status,
                                    location: status == .created ? "/v1/entities/\(notice.code)/deregistration-notices" : nil)
    }
}
