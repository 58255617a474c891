import Foundation

/// A bounded queue between an async producer and a thread that blocks on it: how the synchronous
/// `SnapshotSource` API (its caller writes files on a thread of its own) reads rows that postgres-nio streams
/// asynchronously. The producer waits (asynchronously, by polling) while the queue is full, so a table is never
/// held in memory whole.
final class BlockingChannel<Element: Sendable>: @unchecked Sendable {
    // @unchecked: every stored property is guarded by `condition`.
    private let condition = NSCondition()
    private var items: [Element] = []
    private var finished = false
    private var failure: (any Error)?
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Adds an element, waiting while the queue is full.
    func send(_ element: Element) async {
        while !offer(element) { try? await Task.sleep(for: .microseconds(200)) }
    }

    /// Adds an element unless the queue is full.
    private func offer(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard items.count < capacity || finished else { return false }
        items.append(element)
        condition.signal()
        return true
    }

    /// Ends the stream, with `error` if the producer failed.
    func finish(_ error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next element, or nil at the end; rethrows the producer's failure. Blocks the calling thread.
    func receive() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        if !items.isEmpty { return items.removeFirst() }
        if let failure { throw failure }
        return nil
    }
}

/// Runs `work` on a new thread (it may block) and returns its result.
func onDedicatedThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: work()) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}
