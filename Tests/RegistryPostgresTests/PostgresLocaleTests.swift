import RegistryPostgres
import RegistryStore
import RegistryTestSupport
import Testing

/// pg_trgm makes no trigrams from Chinese under a C character type: such a database is refused at start-up with
/// the fix named, and nothing is created in it.
@Suite(.enabled(if: PostgresTestDatabase.enabled, "PostgreSQL suites skipped: set YIZHAO_TEST_POSTGRES to a server URL"))
struct PostgresLocaleTests {
    @Test func aDatabaseWithTheCCharacterTypeIsRefusedWithTheFix() async throws {
        let location = try await PostgresTestDatabase.create(ctype: "C")
        let store = PostgresRegistryStore(location: location)
        do {
            try await store.migrate()
            Issue.record("a C LC_CTYPE database must be refused")
        } catch {
            let message = String(describing: error)
            #expect(message.contains("LC_CTYPE C"), "names the setting: \(message)")
            #expect(message.contains("CREATE DATABASE"), "names the fix: \(message)")
        }
        #expect(try await store.pendingMigrations() == ["0001-create-registry", "0002-create-search-index", "0003-create-name-checks",
                                                         "0004-create-applications", "0005-create-auditing", "0006-drop-audit-hash-index",
                                                         "0007-create-phrase-counts", "0008-create-former-name-keys", "0009-widen-entity-statuses",
                                                         "0010-add-deadline-extensions", "0011-create-registration-decisions",
                                                         "0012-create-abnormal-listings", "0013-create-deregistration-notices",
                                                         "0014-create-search-index-queue"],
                "nothing was migrated")
        await store.shutdown()
        try await PostgresTestDatabase.drop(location)
    }

    @Test func aConnectionURLIsParsedOrRefusedClearly() throws {
        let tcp = try PostgresLocation(url: "postgres://clerk:secret@db.example:6543/registry")
        #expect(tcp.host == "db.example" && tcp.port == 6543 && tcp.user == "clerk" && tcp.password == "secret" && tcp.database == "registry")
        #expect(!tcp.description.contains("secret"), "the password never appears in messages")
        let socket = try PostgresLocation(url: "postgres:///registry?host=/var/run/postgresql&user=yizhao")
        #expect(socket.socketDirectory == "/var/run/postgresql" && socket.user == "yizhao" && socket.database == "registry")
        #expect(throws: StoreError.self) { try PostgresLocation(url: "mysql://x@y/z") }
        #expect(throws: StoreError.self) { try PostgresLocation(url: "postgres://x@y") }
    }
}
