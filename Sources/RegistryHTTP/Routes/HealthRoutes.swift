import Hummingbird
import Logging
import Prometheus

/// `GET /healthz` (the process serves), `GET /readyz` (it can do its work), `GET /metrics` and
/// `GET /openapi.json`.
struct HealthRoutes: Sendable {
    let readiness: @Sendable () async -> Bool
    let metrics: PrometheusCollectorRegistry

    func register(on routes: inout RouteTable) {
        routes.get("/healthz", .open) { _, _ in
            try JSONBody.response(["status": "ok"])
        }
        routes.get("/readyz", .open) { _, _ in
            if await readiness() { return try JSONBody.response(["status": "ready"]) }
            throw Problem(.serviceUnavailable, code: "not-ready", title: "Not ready", detail: "The registry is not ready to serve.")
        }
        routes.get("/openapi.json", .open) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
        routes.get("/metrics", .open) { _, _ in
            var buffer: [UInt8] = []
            metrics.emit(into: &buffer)
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
    }
}
