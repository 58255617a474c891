import RegistryPostgres
import RegistryStore
import Testing

/// The shared store contract, against PostgreSQL (skipped unless YIZHAO_TEST_POSTGRES names a server).
@Suite(.enabled(if: PostgresTestDatabase.enabled, "PostgreSQL suites skipped: set YIZHAO_TEST_POSTGRES to a server URL"))
struct PostgresStoreContractTests {
    @Test(arguments: StoreContract.caseNames)
    func postgresBackendPasses(_ name: String) async throws {
        try await PostgresTestDatabase.withStore { store in try await StoreContract.run(name, on: store) }
    }
}
