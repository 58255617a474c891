import Foundation
import RegistryCore

/// Recent search pages, valid for one registry generation: any committed write through the store
/// bumps the generation and so retires every cached page. Bounded; cleared wholesale when full.
///
/// Public search traffic repeats itself (the same 字号, the same district names); a repeated query
/// then costs a dictionary lookup instead of four index scans. Only this process's writes are seen:
/// the service is the registry's only writer (docs/operations).
final class SearchCache: @unchecked Sendable {
    // @unchecked: every access to `pages` and `generation` holds `lock`.
    private let lock = NSLock()
    private var pages: [SearchQuery: (generation: UInt64, page: SearchPage)] = [:]
    private var generation: UInt64 = 0
    private let capacity: Int

    init(capacity: Int = 4_096) {
        self.capacity = capacity
    }

    /// The generation a search starts under; pass it back to `store`.
    func currentGeneration() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return generation
    }

    /// A page computed under the current generation, if any.
    func page(for query: SearchQuery) -> SearchPage? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = pages[query], entry.generation == generation else { return nil }
        return entry.page
    }

    /// Remembers a page computed under `generation` (ignored if a write has happened since).
    func store(_ page: SearchPage, for query: SearchQuery, generation: UInt64) {
        lock.lock()
        defer { lock.unlock() }
        guard generation == self.generation, capacity > 0 else { return }
        if pages.count >= capacity { pages.removeAll(keepingCapacity: true) }
        pages[query] = (generation, page)
    }

    /// Called after every committed write.
    func invalidate() {
        lock.lock()
        defer { lock.unlock() }
        generation &+= 1
        pages.removeAll(keepingCapacity: true)
    }
}
