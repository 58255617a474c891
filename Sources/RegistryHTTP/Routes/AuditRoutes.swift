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
            var writer = JSONWriter(capacity: 4_096 * max(changes.count, 1))
            writer.beginObject()
            writer.beginArray("changes")
            for change in changes { AuditJSON.write(change, into: &writer) }
            writer.endArray()
            writer.field("next", changes.last?.sequence ?? since)
            writer.endObject()
            return JSONBody.response(bytes: writer.bytes)
        }
        routes.get("/v1/audit", Self.access) { request, _ in
            let (since, limit) = try Self.page(request)
            let entries = try await desk.entries(after: since, limit: limit)
            var writer = JSONWriter(capacity: 512 * max(entries.count, 1))
            writer.beginObject()
            writer.beginArray("entries")
            for entry in entries { AuditJSON.write(entry, into: &writer) }
            writer.endArray()
            writer.field("next", entries.last?.sequence ?? since)
            writer.endObject()
            return JSONBody.response(bytes: writer.bytes)
        }
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
