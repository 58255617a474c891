import RegistryStore
import Testing

/// The shared store contract, against SQLite on disk.
struct StoreContractTests {
    @Test(arguments: StoreContract.caseNames)
    func sqliteBackendPasses(_ name: String) async throws {
        let store = try await TemporaryStore.make()
        try await StoreContract.run(name, on: store)
    }
}
