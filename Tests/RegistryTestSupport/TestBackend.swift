import Foundation
import RegistryCore
import RegistryPostgres
import RegistrySQLite
import RegistryStore

/// The backends a parameterised suite runs against: SQLite always, PostgreSQL when `YIZHAO_TEST_POSTGRES` names a
/// server (`.ci/run` starts one). `swift test` without it runs the SQLite half and reports the PostgreSQL suites
/// skipped.
public enum TestBackend: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    /// The backends available in this run.
    public static var available: [TestBackend] { PostgresTestDatabase.enabled ? [.sqlite, .postgres] : [.sqlite] }

    /// The day tests treat as today.
    public static let today = CalendarDate(year: 2026, month: 11, day: 27)!

    public var description: String { rawValue }

    /// Runs `body` with a fresh, migrated, empty registry of this backend (pass it on to a generic function to use
    /// it as its concrete type), then removes it.
    public func withStore<R>(failsBefore: @escaping @Sendable (CompletionStep) -> Bool = { _ in false },
                             _ body: (any RegistryStore) async throws -> R) async throws -> R {
        switch self {
        case .sqlite:
            let directory = Scratch.directory.appendingPathComponent("yizhao-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try SQLiteRegistryStore(path: directory.appendingPathComponent("registry.db").path, failsBefore: failsBefore)
            try await store.migrate()
            return try await body(store)
        case .postgres:
            return try await PostgresTestDatabase.withStore(failsBefore: failsBefore) { try await body($0) }
        }
    }
}
