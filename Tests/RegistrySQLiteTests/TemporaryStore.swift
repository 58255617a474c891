import Foundation
import RegistryCore
import RegistrySQLite
import RegistryService
import RegistryTestSupport

/// Fresh migrated SQLite registries in temporary files.
enum TemporaryStore {
    static func make(_ label: String = "store", searchIndexing: SQLiteRegistryStore.SearchIndexing = .withEachWrite) async throws -> SQLiteRegistryStore {
        let directory = Scratch.directory.appendingPathComponent("yizhao-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try SQLiteRegistryStore(path: directory.appendingPathComponent("\(label).db").path, searchIndexing: searchIndexing)
        try await store.migrate()
        return store
    }

    static let today = CalendarDate(year: 2026, month: 11, day: 27)!

    /// One seeded registry shared by the read-only tests of this process (seeding is the slow part).
    static let seeded: Task<SQLiteRegistryStore, any Error> = Task {
        let store = try await make("seeded")
        try await RegistrySeeder(store: store).seed(count: 4_000, seed: 7, today: today)
        return store
    }
}
