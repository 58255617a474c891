import Dispatch
import GRDB
import Synchronization

/// Copies committed WAL frames back into the database file on a connection of its own, so that the single
/// writer does not (SQLite's advice for busy WAL databases: turn off automatic checkpoints in the writer and
/// checkpoint from another thread). A checkpoint writes pages and fsyncs the database file; done by the writer
/// after its commit, as SQLite's automatic checkpoint does, it held up every group behind it.
///
/// Passive checkpoints never block the writer or readers. A commit asks for one; the request starts a
/// checkpoint at once unless one is running or ran less than `pause` ago, and requests made meanwhile are
/// served by one more checkpoint afterwards. The writer keeps an automatic checkpoint at a higher threshold
/// (`writerFallbackPages`) in case this one falls behind (a long reader, a failing connection): the WAL stays
/// bounded either way.
final class WALCheckpointer: Sendable {
    /// The writer's own automatic checkpoint threshold, in WAL pages (SQLite's default is 1,000).
    static let writerFallbackPages = 8_000

    private struct State {
        var running = false
        var requested = false
    }

    private let connection: DatabaseQueue
    private let pause: DispatchTimeInterval
    private let queue = DispatchQueue(label: "yizhao.wal-checkpoint", qos: .utility)
    private let state = Mutex(State())

    init(path: String, pause: DispatchTimeInterval = .milliseconds(50)) throws {
        var configuration = Configuration()
        configuration.label = "yizhao.checkpoint"
        configuration.busyMode = .timeout(1)
        connection = try DatabaseQueue(path: path, configuration: configuration)
        self.pause = pause
    }

    /// A transaction committed: checkpoint soon.
    func committed() {
        let start = state.withLock { state in
            if state.running { state.requested = true; return false }
            state.running = true
            return true
        }
        if start { queue.async { self.run() } }
    }

    private func run() {
        state.withLock { $0.requested = false }
        // A failed passive checkpoint (busy, I/O) is retried by the next commit, and the writer's fallback
        // threshold bounds the WAL meanwhile.
        _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        let again = state.withLock { state in
            if !state.requested { state.running = false }
            return state.requested
        }
        if again { queue.asyncAfter(deadline: .now() + pause) { self.run() } }
    }
}
