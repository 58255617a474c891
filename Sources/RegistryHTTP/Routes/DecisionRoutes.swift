import Foundation
import Hummingbird
import RegistryCore
import RegistryService
import RegistryStore

/// Registration decisions on an entity (`domain/process.md` §7): `POST /v1/entities/{code}/decisions` records a 吊销营业执照,
/// a 撤销登记 or the reversal of a 撤销 (the market department's reviewers and administrators); `GET` lists them (public).
struct DecisionRoutes<Store: RegistryStore>: Sendable {
    let registrar: Registrar<Store>

    func register(on routes: inout RouteTable) {
        routes.post("/v1/entities/:code/decisions", .roles([.reviewerMarket, .admin])) { request, context in
            let code = try PathCode.parse(context)
            let body = try await JSONBody.data(from: request, context: context)
            let input = try JSONDecoder().decode(DecisionRequestDTO.self, from: body)
            let idempotency = try IdempotencyHeader.idempotent(request, context, body: body, render: Self.render)
            let result = try await registrar.recordDecision(code: code, action: input.action, documentNumber: input.documentNumber,
                                                            decidedOn: input.decidedOn, reason: input.reason, actor: context.actor,
                                                            idempotency: idempotency)
            return try IdempotencyHeader.response(result) { try Self.render($0) }
        }
        routes.get("/v1/entities/:code/decisions", .open) { _, context in
            try JSONBody.response(DecisionListDTO(decisions: try await registrar.decisions(code: try PathCode.parse(context)).map(DecisionView.init)))
        }
    }

    static func render(_ record: RegistrationDecision.Record) throws -> RecordedReply {
        try IdempotencyHeader.reply(DecisionView(record), status: .created, location: "/v1/entities/\(record.decision.code)/decisions")
    }
}
