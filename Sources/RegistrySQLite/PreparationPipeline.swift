import Dispatch
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

    private let slots: [Slot]
    private let capacity = DispatchSemaphore(value: 2)
    private var taken = 0

    /// Starts preparing `batches` batches; entity ids run on from `firstID`.
    init(batches: Int, firstID: Int64, produce: @escaping @Sendable (Int) -> [EntityDossier]) {
        let slots = (0..<batches).map { _ in Slot() }
        self.slots = slots
        let capacity = self.capacity
        DispatchQueue.global(qos: .userInitiated).async {
            var nextID = firstID
            for (index, slot) in slots.enumerated() {
                capacity.wait()
                slot.batch = produce(index).map { dossier in
                    defer { nextID += 1 }
                    return PreparedDossier(dossier, id: nextID)
                }
                slot.ready.signal()
            }
        }
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
