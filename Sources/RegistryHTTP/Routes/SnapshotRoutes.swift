import Foundation
import Hummingbird
import RegistryCore
import RegistryService
import RegistryStore

/// `POST /v1/snapshots` (take a signed snapshot), `GET /v1/snapshots` (the chain), `GET /v1/snapshots/{n}` (a
/// manifest) and `GET /v1/snapshots/{n}/files/{name}` (download), for auditors and admins.
struct SnapshotRoutes<Store: RegistryStore>: Sendable {
    let desk: SnapshotDesk<Store>

    static var access: RouteAccess { .roles([.auditor, .admin]) }

    /// The optional request body.
    struct TakeRequest: Codable, Sendable {
        /// Unmasked personal ID numbers (needs the `personal-ids` privilege).
        var includePersonalIds: Bool?
        /// `csv`, `ndjson` (both by default).
        var formats: [SnapshotFormat]?
    }

    /// The reply to a snapshot taken.
    struct Taken: Codable, Sendable {
        let manifest: SnapshotManifest
        let manifestSha256: String
        let files: [String]
    }

    /// One snapshot of the chain.
    struct Listed: Codable, Sendable {
        let snapshot: Int64
        let sequence: Int64
        let takenAt: String
        let manifestSha256: String
        let previousManifestSha256: String?
        /// Whether its files are on this server (download links work).
        let available: Bool
        let manifest: String
    }

    struct ListReply: Codable, Sendable {
        let snapshots: [Listed]
    }

    func register(on routes: inout RouteTable) {
        routes.post("/v1/snapshots", Self.access) { request, context in
            var request = request
            let buffer = try await request.collectBody(upTo: context.maxUploadSize)
            let body = Data(buffer.readableBytesView)
            var take = TakeRequest()
            if !body.isEmpty {
                if let contentType = request.headers[.contentType], !contentType.lowercased().hasPrefix("application/json") {
                    throw Problem.unsupportedMediaType(contentType)
                }
                take = try JSONDecoder().decode(TakeRequest.self, from: body)
            }
            let formats = take.formats.map { Array(Set($0)).sorted { $0.rawValue < $1.rawValue } } ?? SnapshotFormat.allCases
            let scope = context.token.map { "token:\($0.id)" } ?? "public"
            let idempotency = try IdempotencyHeader.key(request, body: body, scope: scope).map { key in
                SnapshotExporter<Store>.Idempotency(key: key, render: Self.reply)
            }
            let result = try await desk.take(formats: formats, includePersonalIDs: take.includePersonalIds ?? false,
                                             privileges: context.token?.privileges ?? [], actor: context.actor, idempotency: idempotency)
            return try IdempotencyHeader.response(result, render: Self.reply)
        }
        routes.get("/v1/snapshots", Self.access) { request, _ in
            try SupervisionRoutes<Store>.only(["limit"], request)
            let listed = try await desk.list(limit: try SupervisionRoutes<Store>.limit(request)).map { record, available in
                Listed(snapshot: record.number, sequence: record.sequence, takenAt: record.takenAt.description, manifestSha256: record.manifestSHA256,
                       previousManifestSha256: record.previousSHA256, available: available,
                       manifest: "/v1/snapshots/\(record.number)/files/\(SnapshotManifest.fileName)")
            }
            return try JSONBody.response(ListReply(snapshots: listed))
        }
        routes.get("/v1/snapshots/:snapshot", Self.access) { _, context in
            try await Self.download(desk, number: context.parameters.get("snapshot"), name: SnapshotManifest.fileName, context: context)
        }
        routes.get("/v1/snapshots/:snapshot/files/:name", Self.access) { _, context in
            try await Self.download(desk, number: context.parameters.get("snapshot"), name: context.parameters.get("name") ?? "", context: context)
        }
    }

    /// The 201 reply to a snapshot taken (also the one recorded for its idempotency key).
    @Sendable static func reply(_ exported: SnapshotExporter<Store>.Exported) throws -> RecordedReply {
        let manifest = exported.manifest
        let taken = Taken(manifest: manifest, manifestSha256: exported.manifestSHA256,
                          files: ([SnapshotManifest.fileName] + manifest.files.map(\.name)).map { "/v1/snapshots/\(manifest.snapshot)/files/\($0)" })
        return try IdempotencyHeader.reply(taken, status: .created, location: "/v1/snapshots/\(manifest.snapshot)")
    }

    static func download(_ desk: SnapshotDesk<Store>, number text: String?, name: String, context: YizhaoRequestContext) async throws -> Response {
        guard let text, let number = Int64(text), number >= 1 else {
            throw Problem.invalidParameter("snapshot", "The snapshot number is a positive integer.")
        }
        let path = try desk.file(name, of: number)
        let type = name.hasSuffix(".csv") ? "text/csv; charset=utf-8; header=present"
            : name.hasSuffix(".ndjson") ? "application/x-ndjson; charset=utf-8" : "application/json; charset=utf-8"
        let body = try await FileIO().loadFile(path: path, context: context)
        return Response(status: .ok, headers: [.contentType: type], body: body)
    }
}
