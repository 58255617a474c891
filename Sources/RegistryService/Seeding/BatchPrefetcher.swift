import Dispatch
import Foundation
import RegistryCore

/// Produces seed batches one step ahead on another thread, so generating batch `i + 1` overlaps
/// with the store writing batch `i` (the machine has two cores; seeding is otherwise serial).
final class BatchPrefetcher: @unchecked Sendable {
    // @unchecked: `pending` is only read and written under `lock`; `registry` and `batchSize` are immutable.
    private let registry: SyntheticRegistry
    private let batchSize: Int
    private let lock = NSLock()
    private var pending: [Int: (DispatchSemaphore, Box)] = [:]

    private final class Box: @unchecked Sendable {
        // @unchecked: written once before the semaphore is signalled, read once after waiting on it.
        var dossiers: [EntityDossier] = []
    }

    init(registry: SyntheticRegistry, batchSize: Int) {
        self.registry = registry
        self.batchSize = batchSize
    }

    /// Batch `index`; starts computing batch `index + 1` in the background.
    func batch(_ index: Int) -> [EntityDossier] {
        let (ready, box) = start(index)
        start(index + 1)
        ready.wait()
        lock.lock()
        pending[index] = nil
        lock.unlock()
        return box.dossiers
    }

    @discardableResult
    private func start(_ index: Int) -> (DispatchSemaphore, Box) {
        lock.lock()
        defer { lock.unlock() }
        if let existing = pending[index] { return existing }
        let entry = (DispatchSemaphore(value: 0), Box())
        pending[index] = entry
        let range = min(registry.count, index * batchSize)..<min(registry.count, (index + 1) * batchSize)
        let registry = self.registry
        DispatchQueue.global().async {
            entry.1.dossiers = range.isEmpty ? [] : registry.dossiers(range)
            entry.0.signal()
        }
        return entry
    }
}
