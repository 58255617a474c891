import GRDB
import Synchronization

/// Group commit for the single SQLite writer (SPEC §8): write jobs that arrive while a transaction is being
/// written and flushed wait, then run together in the **next** transaction, each in its own savepoint. One
/// `COMMIT` (one flush under `synchronous=FULL`) makes the whole group durable; a job that fails rolls back only
/// its savepoint. Every caller is answered only after the commit, so a success reported to a client is always
/// durable, and a crash loses only jobs whose callers were never answered.
final class GroupCommitWriter: Sendable {
    /// One queued job: runs in the group's transaction and says how to answer its caller afterwards.
    struct Job: Sendable {
        /// Runs the job inside its savepoint; returns the answers for a committed and for a failed group, or
        /// nil when the job failed on its own (its caller is already answered).
        let run: @Sendable (Database) -> Answer?
    }

    /// How to answer a job's caller once the group's fate is known.
    struct Answer: Sendable {
        let committed: @Sendable () -> Void
        let failed: @Sendable (any Error) -> Void
    }

    private struct State {
        var pending: [Job] = []
        var draining = false
    }

    private let pool: DatabasePool
    private let state = Mutex(State())
    /// Most jobs per transaction (bounds the time a group holds the writer).
    private let maximumGroup: Int

    init(pool: DatabasePool, maximumGroup: Int = 64) {
        self.pool = pool
        self.maximumGroup = maximumGroup
    }

    /// Runs `body` in the next group transaction and returns its result once the group has committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job { db in
                do {
                    let value = try Self.inSavepoint(db) { try body(db) }
                    return Answer(committed: { continuation.resume(returning: value) }, failed: { continuation.resume(throwing: $0) })
                } catch {
                    continuation.resume(throwing: error)
                    return nil
                }
            }
            let startDrain = state.withLock { state in
                state.pending.append(job)
                defer { state.draining = true }
                return !state.draining
            }
            if startDrain { pool.asyncWriteWithoutTransaction { db in self.drain(db) } }
        }
    }

    /// Runs `body` between `SAVEPOINT` and `RELEASE` (cached statements: a group runs thousands of them), rolling
    /// back to the savepoint when it throws.
    static func inSavepoint<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try db.cachedStatement(sql: "SAVEPOINT job").execute()
        do {
            let value = try body()
            try db.cachedStatement(sql: "RELEASE SAVEPOINT job").execute()
            return value
        } catch {
            try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT job").execute()
            try db.cachedStatement(sql: "RELEASE SAVEPOINT job").execute()
            throw error
        }
    }

    /// Writes groups until the queue is empty, staying on the writer's queue between groups.
    private func drain(_ db: Database) {
        while true {
            let jobs: [Job] = state.withLock { state in
                let taken = Array(state.pending.prefix(maximumGroup))
                state.pending.removeFirst(taken.count)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            guard !jobs.isEmpty else { return }
            var answers: [Answer] = []
            do {
                try db.inTransaction(.immediate) {
                    answers = jobs.compactMap { $0.run(db) }
                    return .commit
                }
                for answer in answers { answer.committed() }
            } catch {
                for answer in answers { answer.failed(error) }
            }
        }
    }
}
