import HTTPTypes
import Hummingbird
import RegistryStore

/// Who may call a route (SPEC §6): everyone, or only tokens of some roles.
public enum RouteAccess: Sendable, Hashable {
    /// Anyone; an invalid token is still refused.
    case open
    /// Tokens of these roles.
    case roles(Set<Role>)

    /// Whether a token of `role` may call.
    public func allows(_ role: Role) -> Bool {
        switch self {
        case .open: true
        case .roles(let roles): roles.contains(role)
        }
    }
}

/// One declared route.
public struct RouteDeclaration: Sendable, Hashable {
    /// The method.
    public let method: HTTPRequest.Method
    /// The path pattern (`/v1/applications/:number`).
    public let path: String
    /// Who may call it.
    public let access: RouteAccess
}

/// Registers routes with their access declarations, enforcing them before the handler runs, and keeps the
/// list (the route × role matrix test walks it).
struct RouteTable {
    let router: Router<YizhaoRequestContext>
    private(set) var declarations: [RouteDeclaration] = []

    init(router: Router<YizhaoRequestContext>) { self.router = router }

    mutating func on(_ method: HTTPRequest.Method, _ path: String, _ access: RouteAccess,
                     _ handler: @escaping @Sendable (Request, YizhaoRequestContext) async throws -> Response) {
        declarations.append(RouteDeclaration(method: method, path: path, access: access))
        router.on(RouterPath(path), method: method) { request, context in
            try Self.authorize(access, context)
            return try await handler(request, context)
        }
    }

    mutating func get(_ path: String, _ access: RouteAccess, _ handler: @escaping @Sendable (Request, YizhaoRequestContext) async throws -> Response) {
        on(.get, path, access, handler)
    }

    mutating func post(_ path: String, _ access: RouteAccess, _ handler: @escaping @Sendable (Request, YizhaoRequestContext) async throws -> Response) {
        on(.post, path, access, handler)
    }

    /// 401 without a live token where one is needed (or with an invalid one anywhere), 403 for a role the
    /// route does not allow.
    static func authorize(_ access: RouteAccess, _ context: YizhaoRequestContext) throws {
        switch (context.authentication, access) {
        case (.invalid, _):
            throw Problem(.unauthorized, code: "invalid-token", title: "The bearer token is not valid",
                          detail: "The Authorization header names no live token (unknown, revoked or malformed).",
                          headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
        case (_, .open):
            return
        case (.anonymous, .roles(let roles)):
            throw Problem(.unauthorized, code: "unauthenticated", title: "A bearer token is required",
                          detail: "This endpoint needs a token of role \(roles.map(\.rawValue).sorted().joined(separator: ", ")).",
                          headers: [.wwwAuthenticate: "Bearer"])
        case (.token(let token), .roles(let roles)):
            guard roles.contains(token.role) else {
                throw Problem(.forbidden, code: "forbidden", title: "The token's role may not do this",
                              detail: "Role \(token.role.rawValue) may not call this endpoint; it needs \(roles.map(\.rawValue).sorted().joined(separator: ", ")).")
            }
        }
    }
}

extension YizhaoRequestContext {
    /// The calling token (routes that require one have checked it exists).
    var token: AccessToken? {
        if case .token(let token) = authentication { return token }
        return nil
    }

    /// The actor for the audit log.
    var actor: Actor {
        if let token { return Actor(label: token.label, role: token.role.rawValue, requestID: requestID) }
        return Actor(label: remoteAddress ?? "public", role: "public", requestID: requestID)
    }
}
