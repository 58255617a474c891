import Foundation
import RegistryPostgres
import RegistryTestSupport
import Testing

/// `--postgres URL` and `yizhao migrate-data`, run as the built binary against a throwaway database (skipped
/// unless YIZHAO_TEST_POSTGRES names a server).
@Suite(.enabled(if: PostgresTestDatabase.enabled, "PostgreSQL suites skipped: set YIZHAO_TEST_POSTGRES to a server URL"))
struct PostgresCommandTests {
    @Test func aRegistryMovesOntoPostgreSQLAndAnswersTheSame() async throws {
        let directory = Scratch.directory.appendingPathComponent("yizhao-cli-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let db = directory.appendingPathComponent("registry.db").path
        #expect(try YizhaoProcess.run(["seed", "--entities", "300", "--db", db]).status == 0)
        #expect(try YizhaoProcess.run(["token", "create", "--role", "clerk", "--db", db]).status == 0)
        let location = try await PostgresTestDatabase.create()
        let url = "postgres://\(location.user)@\(location.host ?? "127.0.0.1"):\(location.port)/\(location.database)"
        let moved = try YizhaoProcess.run(["migrate-data", "--from", db, "--to", url])
        #expect(moved.status == 0, "\(moved.stderr)")
        #expect(moved.stdout.contains("entities\t300 rows") && moved.stdout.contains("audit chain\tintact, 1 entries"), "\(moved.stdout)")
        // Search and the name check answer the same on both.
        for query in ["长沙", "有限公司", "xd"] {
            let sqlite = try YizhaoProcess.run(["search", query, "--limit", "5", "--db", db])
            let postgres = try YizhaoProcess.run(["search", query, "--limit", "5", "--postgres", url])
            #expect(postgres.stdout == sqlite.stdout && postgres.stderr == sqlite.stderr, "\(query): \(postgres.stderr)")
        }
        let check = ["name", "check", "长沙市岳麓区紫霞软件开发有限公司", "--type", "llc", "--industry", "6513", "--authority", "430104"]
        #expect(try YizhaoProcess.run(check + ["--postgres", url]).stdout == (try YizhaoProcess.run(check + ["--db", db]).stdout))
        // A second copy into the now populated database is refused; the audit chain verifies there.
        let again = try YizhaoProcess.run(["migrate-data", "--from", db, "--to", url])
        #expect(again.status == 1 && again.stderr.contains("not empty"), "\(again.stderr)")
        let chain = try YizhaoProcess.run(["audit", "verify", "--postgres", url])
        #expect(chain.status == 0 && chain.stdout.hasPrefix("intact\t1 entries"), "\(chain.stdout)")
        // A bad URL is a usage error with the reason.
        let bad = try YizhaoProcess.run(["search", "长沙", "--postgres", "mysql://nope/x"])
        #expect(bad.status == 1 && bad.stderr.contains("not a PostgreSQL URL"), "\(bad.stderr)")
        try await PostgresTestDatabase.drop(location)
    }
}
