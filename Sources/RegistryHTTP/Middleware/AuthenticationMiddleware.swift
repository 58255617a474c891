import HTTPTypes
import Hummingbird
import RegistryService
import RegistryStore

/// Resolves `Authorization: Bearer …` to a live token; routes decide what the caller may do (`RouteAccess`).
struct AuthenticationMiddleware<Store: RegistryStore>: RouterMiddleware {
    typealias Context = YizhaoRequestContext

    let access: AccessDesk<Store>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { return try await next(request, context) }
        var context = context
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        if parts.count == 2, parts[0].lowercased() == "bearer", let token = try await access.authenticate(secret: String(parts[1])) {
            context.authentication = .token(token)
        } else {
            context.authentication = .invalid
        }
        return try await next(request, context)
    }
}
