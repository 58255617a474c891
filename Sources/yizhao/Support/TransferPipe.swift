import Foundation
import RegistryStore

/// Carries a registry's chunks from the thread that reads them (a synchronous SQLite read transaction) to the
/// task that writes them (an asynchronous PostgreSQL transaction), a few at a time: the reader blocks while the
/// pipe is full, the writer polls while it is empty. Either side can fail it, which stops the other.
final class TransferPipe: @unchecked Sendable {
    // @unchecked: every stored property is guarded by `condition`.
    private let condition = NSCondition()
    private var chunks: [RegistryTransfer.Chunk] = []
    private var summary: RegistryTransfer.Summary?
    private var failure: (any Error)?
    private var closed = false
    private let capacity: Int

    init(capacity: Int = 4) { self.capacity = capacity }

    struct Closed: Error, CustomStringConvertible {
        var description: String { "the copy stopped" }
    }

    /// Reader side: adds a chunk, blocking while the pipe is full; throws once the writer has stopped.
    func put(_ chunk: RegistryTransfer.Chunk) throws {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !closed { condition.wait() }
        if closed { throw Closed() }
        chunks.append(chunk)
    }

    /// Reader side: the source has been read whole.
    func finish(_ summary: RegistryTransfer.Summary) {
        condition.lock()
        self.summary = summary
        condition.broadcast()
        condition.unlock()
    }

    /// Either side: stops the copy with `error`.
    func fail(_ error: any Error) {
        condition.lock()
        if failure == nil { failure = error }
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    private enum Next {
        case chunk(RegistryTransfer.Chunk)
        case end
        case wait
    }

    private func poll() throws -> Next {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        if !chunks.isEmpty {
            let chunk = chunks.removeFirst()
            condition.broadcast()
            return .chunk(chunk)
        }
        return summary == nil ? .wait : .end
    }

    /// Writer side: the next chunk, or nil when the source has been read whole.
    func take() async throws -> RegistryTransfer.Chunk? {
        while true {
            switch try poll() {
            case .chunk(let chunk): return chunk
            case .end: return nil
            case .wait: try await Task.sleep(for: .microseconds(500))
            }
        }
    }

    /// Writer side, after the last chunk: the source's summary.
    func sourceSummary() throws -> RegistryTransfer.Summary {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        guard let summary else { throw Closed() }
        return summary
    }
}
