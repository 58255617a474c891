import Foundation
import Logging
import PostgresNIO
import RegistryPostgres
import RegistryStore

/// Throwaway databases on the server named by `YIZHAO_TEST_POSTGRES` (`.ci/run` starts one with
/// `scripts/pg-cluster.sh`); each test gets a fresh, migrated, empty registry of its own.
public enum PostgresTestDatabase {
    /// The server's URL, or nil when the PostgreSQL suites are to be skipped.
    public static let url: String? = ProcessInfo.processInfo.environment["YIZHAO_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether the PostgreSQL suites run.
    public static var enabled: Bool { url != nil }

    /// Creates a database with a UTF-8 character type (`ctype` to test the refusal of another) and returns its location.
    public static func create(ctype: String = "C.UTF-8") async throws -> PostgresLocation {
        let server = try PostgresLocation(url: url ?? "")
        let name = "yizhao_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = PostgresClient(configuration: server.with(database: "postgres").clientConfiguration(connections: 1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await admin.run() }
            try await admin.query(PostgresQuery(unsafeSQL: """
                CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE '\(ctype)' LC_CTYPE '\(ctype)'
                """))
            group.cancelAll()
        }
        return server.with(database: String(name))
    }

    /// Drops a database made by `create` (closing its connections).
    public static func drop(_ location: PostgresLocation) async throws {
        let admin = PostgresClient(configuration: location.with(database: "postgres").clientConfiguration(connections: 1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await admin.run() }
            try await admin.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(location.database) WITH (FORCE)"))
            group.cancelAll()
        }
    }

    /// Runs `body` with a fresh, migrated store, then shuts it down and drops its database.
    public static func withStore<T>(failsBefore: @escaping @Sendable (CompletionStep) -> Bool = { _ in false },
                             _ body: (PostgresRegistryStore) async throws -> T) async throws -> T {
        let store = try await self.store(failsBefore: failsBefore)
        do {
            let result = try await body(store)
            await store.shutdown()
            try await drop(store.location)
            return result
        } catch {
            await store.shutdown()
            try? await drop(store.location)
            throw error
        }
    }

    /// A fresh, migrated store.
    public static func store(failsBefore: @escaping @Sendable (CompletionStep) -> Bool = { _ in false }) async throws -> PostgresRegistryStore {
        let store = PostgresRegistryStore(location: try await create(), connections: 12, failsBefore: failsBefore)
        try await store.migrate()
        return store
    }
}
