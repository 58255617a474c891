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

/// Says so when the PostgreSQL half of the parameterised suites does not run.
@Suite(.enabled(if: PostgresTestDatabase.enabled, "PostgreSQL suites skipped: set YIZHAO_TEST_POSTGRES to a server URL"))
struct PostgresBackendEnabled {
    @Test func theServerAnswers() async throws {
        try await TestBackend.postgres.withStore { store in _ = try await store.entityCount() }
    }
}
