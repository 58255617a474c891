import Foundation
import Hummingbird
import Logging
import RegistryCore
import RegistryService
import RegistryStore

/// `GET /v1/entities` (search) and `GET /v1/entities/{code}` (public: the dossier with its 经营异常名录 listings and
/// registration decisions).
struct EntityRoutes<Store: RegistryStore>: Sendable {
    let directory: RegistryDirectory<Store>
    /// The clock (whether a notice runs today).
    let now: @Sendable () -> Instant

    func register(on routes: inout RouteTable) {
        routes.get("/v1/entities", .open) { request, _ in try await search(request) }
        routes.get("/v1/entities/:code", .open) { _, context in try await dossier(context) }
    }

    func search(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let known: Set<String> = ["q", "region", "status", "type", "section", "cursor", "limit"]
        for (key, _) in query where !known.contains(String(key)) {
            let name = String(key)
            throw Problem.invalidParameter(name, "Unknown query parameter '\(name)'; accepted: \(known.sorted().joined(separator: ", ")).")
        }
        var limit = 20
        if let text = query["limit"] {
            guard let value = Int(text) else { throw Problem.invalidParameter("limit", "limit must be an integer 1–100, not '\(text)'.") }
            limit = value
        }
        func value(_ name: String) -> String? { query[Substring(name)].map { String($0) } }
        let (searchQuery, page) = try await directory.search(.init(
            text: value("q") ?? "", region: value("region"), status: value("status"), type: value("type"),
            section: value("section"), cursor: value("cursor"), limit: limit))
        let body = SearchResponseDTO(
            total: page.total, totalIsEstimate: page.totalIsEstimate,
            nextCursor: page.nextCursor?.token(fingerprint: searchQuery.fingerprint), results: page.hits.map(SearchHitView.init)).json
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    func dossier(_ context: YizhaoRequestContext) async throws -> Response {
        let raw = context.parameters.get("code") ?? ""
        guard let code = raw.removingPercentEncoding, code.count <= 64 else {
            throw Problem.invalidParameter("code", "The path segment is not a code.")
        }
        return try JSONBody.response(DossierDTO(try await directory.publicRecord(code: code), today: now().chinaDay))
    }
}
