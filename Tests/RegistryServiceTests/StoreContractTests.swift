import RegistryPostgres
import RegistryStore
import RegistryTestSupport
import Testing

/// The shared store contract, against every available backend: SQLite on disk, and PostgreSQL when
/// YIZHAO_TEST_POSTGRES names a server.
struct StoreContractTests {
    @Test(arguments: TestBackend.available, StoreContract.caseNames)
    func backendPasses(_ backend: TestBackend, _ name: String) async throws {
        try await backend.withStore { store in try await StoreContract.run(name, on: store) }
    }
}

/// Says so when the PostgreSQL half of the parameterised suites does not run; when it does, checks that the test
/// databases it hands out are migrated and empty.
@Suite(.enabled(if: PostgresTestDatabase.enabled, "PostgreSQL suites skipped: set YIZHAO_TEST_POSTGRES to a server URL"))
struct PostgresBackendEnabled {
    @Test func freshDatabasesAreMigratedAndEmpty() async throws {
        let store = try await PostgresTestDatabase.store()
        let pending = try await store.pendingMigrations()
        let entities = try await store.entityCount()
        await store.shutdown()
        try await PostgresTestDatabase.drop(store.location)
        #expect(pending.isEmpty && entities == 0, "pending \(pending), \(entities) entities")
    }
}
