import Hummingbird
import RegistryCore
import RegistryService
import RegistryStore

/// `GET /v1/changes?since=N&limit=M` (the change feed, resumable from any N) and `GET /v1/audit?since=N&limit=M`
/// (the hash-chained audit log), for auditors and admins.
struct AuditRoutes<Store: RegistryStore>: Sendable {
    let desk: AuditDesk<Store>

    static var access: RouteAccess { .roles([.auditor, .admin]) }

    func register(on routes: inout RouteTable) {
        routes.get("/v1/changes", Self.access) { request, _ in
            let (since, limit) = try Self.page(request)
            let changes = try await desk.changes(after: since, limit: limit)
            return Self.response("changes", changes, since: since, sequence: \.sequence, bytesEach: 4_096, write: AuditJSON.write)
        }
        routes.get("/v1/audit", Self.access) { request, _ in
            let (since, limit) = try Self.page(request)
            let entries = try await desk.entries(after: since, limit: limit)
            return Self.response("entries", entries, since: since, sequence: \.sequence, bytesEach: 512, write: AuditJSON.write)
        }
    }

    /// `{"<key>":[…],"next":N}`: `next` is the last item's sequence number (or `since` for an empty page).
    static func response<Item>(_ key: String, _ items: [Item], since: Int64, sequence: (Item) -> Int64, bytesEach: Int,
                               write: (Item, inout JSONWriter) -> Void) -> Response {
        var writer = JSONWriter(capacity: bytesEach * max(items.count, 1))
        writer.beginObject()
        writer.beginArray(key)
        for item in items { write(item, &writer) }
        writer.endArray()
        writer.field("next", items.last.map(sequence) ?? since)
        writer.endObject()
        return JSONBody.response(bytes: writer.bytes)
    }

    /// `since` (default 0) and `limit` (default 100, at most 1,000); unknown parameters are refused.
    static func page(_ request: Request) throws -> (Int64, Int) {
        try SupervisionRoutes<Store>.only(["since", "limit"], request)
        var since: Int64 = 0
        if let text = request.uri.queryParameters["since"] {
            guard let value = Int64(text), value >= 0 else {
                throw Problem.invalidParameter("since", "since is a sequence number, 0 or more (the `next` of the previous page).")
            }
            since = value
        }
        return (since, try SupervisionRoutes<Store>.limit(request))
    }
}
