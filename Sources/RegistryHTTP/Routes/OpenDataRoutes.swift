import Hummingbird
import RegistryCore
import RegistryService
import RegistryStore

/// `GET /v1/open-data/entities?category=…&cursor=…&limit=…` and `GET /v1/open-data/categories` (public): the ten-field
/// open dataset by category (SPEC §5).
struct OpenDataRoutes<Store: RegistryStore>: Sendable {
    let desk: OpenDataDesk<Store>

    struct PageReply: Codable, Sendable {
        let entities: [OpenDataEntity]
        let nextCursor: String?
    }

    struct Category: Codable, Sendable {
        let category: String
        let name: String
        let sections: [String]
    }

    struct Categories: Codable, Sendable {
        let categories: [Category]
    }

    func register(on routes: inout RouteTable) {
        routes.get("/v1/open-data/entities", .open) { request, _ in
            try SupervisionRoutes<Store>.only(["category", "cursor", "limit"], request)
            var category: OpenDataCategory?
            if let text = request.uri.queryParameters["category"] {
                guard let value = OpenDataCategory(rawValue: String(text)) else {
                    throw Problem.invalidParameter("category", "Unknown category “\(text.prefix(40))”; one of "
                                                   + OpenDataCategory.allCases.map(\.rawValue).joined(separator: ", ") + ".")
                }
                category = value
            }
            let page = try await desk.page(category: category, cursor: request.uri.queryParameters["cursor"].map { String($0) },
                                           limit: try SupervisionRoutes<Store>.limit(request))
            return try JSONBody.response(PageReply(entities: page.entities, nextCursor: page.nextCursor))
        }
        routes.get("/v1/open-data/categories", .open) { request, _ in
            try SupervisionRoutes<Store>.only([], request)
            return try JSONBody.response(Categories(categories: OpenDataCategory.allCases.map {
                Category(category: $0.rawValue, name: $0.chineseName, sections: $0.sections.map(String.init))
            }))
        }
    }
}
