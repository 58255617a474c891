import Dispatch
import Foundation
import RegistryCore

/// Produces and prepares import batches on a background thread, at most two ahead of the writer,
/// so the writer thread only binds and steps (a bulk import is otherwise CPU-bound on one core).
final class PreparationPipeline: @unchecked Sendable {
    // @unchecked: each slot is written once by the preparation queue before its semaphore is
    // signalled and read once by the writer after waiting on it; `capacity` bounds the lookahead.
    private final class Slot: @unchecked Sendable {
        let ready = DispatchSemaphore(value: 0)
        var batch: [PreparedDossier] = []
    }

    private final class Terms: @unchecked Sendable {
        // @unchecked: written by the preparation queue before `ready` is signalled, read after.
        let ready = DispatchSemaphore(value: 0)
        var sorted: [(term: String, documents: Int)] = []
        var phrases: [(term: String, documents: Int)] = []

        /// Waits until the preparation queue has counted every batch (any number of calls).
        func waitUntilCounted() {
            ready.wait()
            ready.signal()
        }
    }

    private final class Flag: @unchecked Sendable {
        // @unchecked: `value` is guarded by `lock`.
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    private let slots: [Slot]
    private let capacity = DispatchSemaphore(value: 2)
    private let terms = Terms()
    private let cancelled = Flag()
    private var taken = 0

    /// Starts preparing `batches` batches; entity ids run on from `firstID`. With `countTerms`, the
    /// preparation thread also totals the documents' counted terms (`termCounts()`) and prepares their bigram tokens,
    /// so a bulk load into an empty index gets both without the writer computing them.
    init(batches: Int, firstID: Int64, countTerms: Bool, produce: @escaping @Sendable (Int) -> [EntityDossier]) {
        let slots = (0..<batches).map { _ in Slot() }
        self.slots = slots
        let capacity = self.capacity
        let terms = self.terms
        let cancelled = self.cancelled
        DispatchQueue.global(qos: .userInitiated).async {
            var nextID = firstID
            var counts: [SearchText.PackedTerm: Int] = [:]
            var phrases = SearchText.PhraseCounter()
            for (index, slot) in slots.enumerated() {
                capacity.wait()
                if cancelled.isSet { break }
                let batch = produce(index).map { dossier in
                    defer { nextID += 1 }
                    return PreparedDossier(dossier, id: nextID, forBulkIndex: countTerms)
                }
                slot.batch = batch
                slot.ready.signal()
                if countTerms {
                    for prepared in batch {
                        for term in prepared.terms { counts[term, default: 0] += 1 }
                        phrases.add(document: prepared.document)
                    }
                }
            }
            // In SQLite's BINARY order, so the writer appends to the B-tree.
            terms.sorted = counts.map { ($0.key.text, $0.value) }
                .sorted { $0.term.utf8.lexicographicallyPrecedes($1.term.utf8) }
            terms.phrases = phrases.common()
            terms.ready.signal()
        }
    }

    /// Stops the preparation thread early (the writer failed and will take no more batches).
    func cancel() {
        cancelled.set()
        capacity.signal()
    }

    /// Every counted term with its document frequency, sorted; waits for the last batch.
    func termCounts() -> [(term: String, documents: Int)] {
        terms.waitUntilCounted()
        return terms.sorted
    }

    /// The common phrases (`SearchText.PhraseCounter.common`) with their document frequencies, sorted; waits for the
    /// last batch.
    func phraseCounts() -> [(term: String, documents: Int)] {
        terms.waitUntilCounted()
        return terms.phrases
    }

    /// The next batch, in order; waits for it if needed. Call from one thread only.
    func next() -> [PreparedDossier] {
        let slot = slots[taken]
        taken += 1
        slot.ready.wait()
        let batch = slot.batch
        slot.batch = []
        capacity.signal()
        return batch
    }
}
