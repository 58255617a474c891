import ArgumentParser
import RegistryPostgres
import RegistrySQLite
import RegistryStore

/// `--db PATH` or `--postgres URL`: the registry, shared by every command that reads or writes it. The only
/// place that picks a backend.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite registry file (created if missing).")
    var path = "yizhao.db"

    @Option(name: .customLong("postgres"),
            help: "Use a PostgreSQL registry instead of the SQLite file: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE or postgres:///DATABASE?host=/socket/dir.")
    var postgres: String?

    /// How the registry is named in messages (a PostgreSQL URL without its password).
    var label: String {
        guard let postgres else { return path }
        return (try? PostgresLocation(url: postgres).description) ?? postgres
    }

    /// Where files kept beside the registry go by default (the signing key, snapshots): beside the SQLite file,
    /// or `yizhao-DATABASE` in the working directory for PostgreSQL.
    var sidecarBase: String {
        guard let postgres, let location = try? PostgresLocation(url: postgres) else { return path }
        return "yizhao-\(location.database)"
    }

    /// Opens and migrates the registry, runs `body` with it (pass it on to a generic function to use it as its
    /// concrete type), and closes it.
    func withRegistry<R>(searchCacheCapacity: Int = 4_096, searchIndexing: SQLiteRegistryStore.SearchIndexing = .withEachWrite,
                         _ body: (any RegistryStore) async throws -> R) async throws -> R {
        let registry = try await openMigrated(searchCacheCapacity: searchCacheCapacity, searchIndexing: searchIndexing)
        do {
            let result = try await body(registry)
            await registry.close()
            return result
        } catch {
            await registry.close()
            throw error
        }
    }

    /// Opens the SQLite registry (for commands that measure SQLite itself against raw SQLite baselines).
    func openSQLite(searchCacheCapacity: Int = 4_096, command: String) async throws -> SQLiteRegistryStore {
        guard postgres == nil else {
            throw CommandFailure(message: "\(command) measures the SQLite registry against raw SQLite; for PostgreSQL use `yizhao bench postgres`", exitCode: 2)
        }
        guard let store = try await openMigrated(searchCacheCapacity: searchCacheCapacity) as? SQLiteRegistryStore else {
            throw CommandFailure(message: "\(command) needs an SQLite registry")
        }
        return store
    }

    /// Opens the registry and applies pending migrations (they are append-only and idempotent). `searchIndexing`
    /// applies to SQLite (PostgreSQL indexes in each write).
    func openMigrated(searchCacheCapacity: Int = 4_096, searchIndexing: SQLiteRegistryStore.SearchIndexing = .withEachWrite) async throws -> any RegistryStore {
        let store: any RegistryStore
        do {
            if let postgres {
                store = PostgresRegistryStore(location: try PostgresLocation(url: postgres))
            } else {
                store = try SQLiteRegistryStore(path: path, searchCacheCapacity: searchCacheCapacity, searchIndexing: searchIndexing)
            }
        } catch {
            throw CommandFailure(message: "cannot open the registry at \(label): \(error)")
        }
        do {
            try await store.migrate()
            return store
        } catch {
            await store.close()
            throw CommandFailure(message: "cannot open the registry at \(label): \(error)")
        }
    }
}
