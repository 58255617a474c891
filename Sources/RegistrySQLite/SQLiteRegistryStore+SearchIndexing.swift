import GRDB
import RegistryStore

extension SQLiteRegistryStore {
    /// Search entries the writes have queued and the index has not taken in yet (always 0 between writes when each
    /// write indexes its own, `SearchIndexing.withEachWrite`).
    public func searchIndexBacklog() async throws(StoreError) -> Int {
        try await read { db in try SearchIndexQueue.backlog(db) }
    }

    /// Indexes up to `limit` queued search entries, oldest first, in one durable write, and returns how many; cached
    /// search pages are retired when any was. A server with batched indexing calls this every few milliseconds;
    /// calling it with nothing queued costs one small read.
    @discardableResult
    public func indexQueuedSearchEntries(limit: Int = 4_096) async throws(StoreError) -> Int {
        try await indexQueuedSearchEntries(limit: limit, backlog: searchIndexBacklog())
    }

    private func indexQueuedSearchEntries(limit: Int, backlog: Int) async throws(StoreError) -> Int {
        guard backlog > 0 else { return 0 }
        let applied = try await write(retiringSearchPages: false) { db in try SearchIndexQueue.apply(db, limit: limit) }
        if applied > 0 { searchCache.invalidate() }
        return applied
    }

    /// Indexes everything queued, in batches of `batch` (what a registry opened after a crash, or a batch-indexing
    /// server stopped between batches, left behind).
    public func indexAllQueuedSearchEntries(batch: Int = 4_096) async throws(StoreError) {
        while try await indexQueuedSearchEntries(limit: batch) > 0 {}
    }

    /// Indexes queued search entries until the task is cancelled: a batch whenever entries are queued, then a pause
    /// of `interval` (a full batch goes straight on to the next). `observe` gets the backlog each pass found and what
    /// it indexed (for metrics). A failed batch changes nothing (it is one transaction); its error goes to `failed`
    /// and the next attempt follows the pause.
    public func indexSearchContinually(interval: Duration, batch: Int = 4_096,
                                       observe: @Sendable (_ backlog: Int, _ indexed: Int) -> Void = { _, _ in },
                                       failed: @Sendable (StoreError) -> Void = { _ in }) async {
        while !Task.isCancelled {
            do {
                let backlog = try await searchIndexBacklog()
                let indexed = try await indexQueuedSearchEntries(limit: batch, backlog: backlog)
                observe(backlog, indexed)
                if indexed == batch { continue }
            } catch {
                failed(error)
            }
            try? await Task.sleep(for: interval)
        }
    }
}
