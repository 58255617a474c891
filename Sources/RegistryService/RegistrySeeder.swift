import RegistryCore
import RegistryStore

/// Fills an empty registry with a synthetic one (`yizhao seed`, `yizhao serve --seed`).
public struct RegistrySeeder<Store: RegistryStore>: Sendable {
    /// The registry.
    public let store: Store

    /// Creates the seeder.
    public init(store: Store) {
        self.store = store
    }

    /// Seeds `count` entities in one transaction. Refuses a non-empty registry unless `erase` is
    /// given, which must erase it first (`--force`). `progress` receives the running count.
    public func seed(count: Int, seed: UInt64, today: CalendarDate, erase: (@Sendable () async throws(StoreError) -> Void)? = nil,
                     progress: @escaping @Sendable (Int) -> Void = { _ in }) async throws(SeedError) {
        guard count > 0 else { throw .invalidCount(count) }
        do {
            let existing = try await store.entityCount()
            if existing > 0 {
                guard let erase else { throw SeedError.notEmpty(existing) }
                try await erase()
            }
            let registry = SyntheticRegistry(count: count, seed: seed, today: today)
            let batch = 5_000
            let prefetcher = BatchPrefetcher(registry: registry, batchSize: batch)
            try await store.importDossiers(batches: (count + batch - 1) / batch, produce: { prefetcher.batch($0) }, progress: progress)
        } catch let error as SeedError {
            throw error
        } catch {
            throw .store(error as? StoreError ?? .backend(String(describing: error)))
        }
    }
}

/// Why seeding did not happen.
public enum SeedError: Error, Sendable {
    /// The registry already holds entities (use `--force` to replace them).
    case notEmpty(Int)
    /// The entity count is not positive.
    case invalidCount(Int)
    /// The store failed; nothing was written.
    case store(StoreError)
}
