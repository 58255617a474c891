import Foundation
import Hummingbird
import RegistryCore
import RegistryService
import RegistryStore

/// The 经营异常名录 (`domain/process.md` §7): `POST /v1/entities/{code}/abnormal-listings` puts an entity on it and
/// `POST …/{id}/removal` takes it off (the market department's reviewers and administrators); `GET` lists an entity's
/// listings (public).
struct AbnormalListingRoutes<Store: RegistryStore>: Sendable {
    let registrar: Registrar<Store>

    func register(on routes: inout RouteTable) {
        routes.post("/v1/entities/:code/abnormal-listings", .roles([.reviewerMarket, .admin])) { request, context in
            let code = try PathCode.parse(context)
            let body = try await JSONBody.data(from: request, context: context)
            let input = try JSONDecoder().decode(AbnormalListingRequestDTO.self, from: body)
            let result = try await registrar.listAbnormal(
                code: code, reason: input.reason, documentNumber: input.documentNumber, listedOn: input.listedOn, actor: context.actor,
                idempotency: try IdempotencyHeader.idempotent(request, context, body: body) { try Self.render($0, status: .created) })
            return try IdempotencyHeader.response(result) { try Self.render($0, status: .created) }
        }
        routes.post("/v1/entities/:code/abnormal-listings/:id/removal", .roles([.reviewerMarket, .admin])) { request, context in
            let code = try PathCode.parse(context)
            let text = context.parameters.get("id") ?? ""
            guard let id = Int64(text), id > 0 else { throw Problem.invalidParameter("id", "“\(text.prefix(40))” is not a listing id (a positive integer).") }
            let body = try await JSONBody.data(from: request, context: context)
            let input = try JSONDecoder().decode(AbnormalRemovalRequestDTO.self, from: body)
            let result = try await registrar.removeAbnormalListing(
                code: code, id: id, documentNumber: input.documentNumber, removedOn: input.removedOn, reason: input.reason, actor: context.actor,
                idempotency: try IdempotencyHeader.idempotent(request, context, body: body) { try Self.render($0, status: .ok) })
            return try IdempotencyHeader.response(result) { try Self.render($0, status: .ok) }
        }
        routes.get("/v1/entities/:code/abnormal-listings", .open) { _, context in
            let listings = try await registrar.abnormalListings(code: try PathCode.parse(context))
            return try JSONBody.response(AbnormalListingListDTO(listings: listings.map(AbnormalListingView.init)))
        }
    }

    static func render(_ listing: AbnormalListing, status: HTTPResponse.Status) throws -> RecordedReply {
        try IdempotencyHeader.reply(AbnormalListingView(listing), status: status,
                                    location: status == .created ? "/v1/entities/\(listing.code)/abnormal-listings" : nil)
    }
}
