import Foundation
import RegistryTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `yizhao serve` as a real process: it serves, logs with request ids, and stops cleanly on signals.
struct ServeCommandTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func servesAndShutsDownGracefully(_ signal: Int32) throws {
        let port = Int.random(in: 20_000..<40_000)
        let db = Scratch.directory.appendingPathComponent("yizhao-serve-\(UUID().uuidString).db").path
        let server = try YizhaoProcess(["serve", "--port", String(port), "--log-format", "json", "--db", db])
        var started = false
        for _ in 0..<200 where !started {
            usleep(50_000)
            started = server.stderrSoFar.contains("\"msg\":\"listening\"")
        }
        #expect(started, "server did not report listening: \(server.stderrSoFar)")
        if started {
            let health = try httpGet(port: port, path: "/healthz")
            #expect(health.hasPrefix("HTTP/1.1 200"))
            #expect(health.contains(#"{"status":"ok"}"#))
            let code = try httpGet(port: port, path: "/v1/codes/91110000600037341N")
            #expect(code.contains(#""valid":false"#))
            // The search index's batches run (every 50 ms by default) and report their backlog.
            usleep(200_000)
            let metrics = try httpGet(port: port, path: "/metrics")
            #expect(metrics.contains("yizhao_search_index_backlog 0"), "\(metrics)")
        }
        server.signal(signal)
        let result = try server.wait()
        #expect(result.status == 0, "exit status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("\"msg\":\"stopped\""))
        // Every access-log line carries a request id.
        let requestLines = result.stderr.split(separator: "\n").filter { $0.contains("\"msg\":\"Request\"") }
        #expect(requestLines.count == (started ? 3 : 0))
        #expect(requestLines.allSatisfy { $0.contains("\"request_id\":") })
    }
}
