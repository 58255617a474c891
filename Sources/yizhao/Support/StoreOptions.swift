import ArgumentParser
import RegistrySQLite
import RegistryStore

/// `--db PATH`: the registry file, shared by every command that reads or writes the registry.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite registry file (created if missing).")
    var path = "yizhao.db"

    /// Opens the registry and applies pending migrations (they are append-only and idempotent).
    func openMigrated(searchCacheCapacity: Int = 4_096) async throws -> SQLiteRegistryStore {
        do {
            let store = try SQLiteRegistryStore(path: path, searchCacheCapacity: searchCacheCapacity)
            try await store.migrate()
            return store
        } catch {
            throw CommandFailure(message: "cannot open the registry at \(path): \(error)")
        }
    }
}
