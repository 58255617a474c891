import GRDB
import Synchronization

/// Group commit for the single SQLite writer (SPEC §8): write jobs that arrive while a transaction is being
/// written and flushed wait, then run together in the **next** transaction. One `COMMIT` (one flush under
/// `synchronous=FULL`) makes the whole group durable, and every caller is answered only after it, so a success
/// reported to a client is always durable and a crash loses only jobs whose callers were never answered.
///
/// Jobs run without savepoints (an FTS5 table flushes its pending index data at every savepoint, which would undo
/// the batching): when a job throws, the group's transaction is rolled back, that job's caller gets its error,
/// and the other jobs run again in a fresh transaction. Jobs only touch the database, so running one again is
/// the same as running it once; each job is therefore atomic, and one failing job takes no other down.
/// `beforeCommit` runs once per group, after its jobs and inside its transaction: writes the jobs leave for the
/// end of the transaction (the search index's FTS5 rows) go there.
final class GroupCommitWriter: Sendable {
    /// One queued job: runs in the group's transaction; `answer` gets its result once the group's fate is known.
    struct Job: Sendable {
        let run: @Sendable (Database) throws -> Answer
        let fail: @Sendable (any Error) -> Void
    }

    /// How to answer a job's caller after a commit.
    struct Answer: Sendable {
        let committed: @Sendable () -> Void
    }

    private struct State {
        var pending: [Job] = []
        var draining = false
    }

    /// What the writer has done so far (for benchmarks and operators: group size and how busy the writer is).
    struct Statistics: Sendable, Equatable {
        /// Transactions committed.
        var groups = 0
        /// Jobs those transactions committed.
        var jobs = 0
        /// Seconds spent in group transactions, from their BEGIN to the end of their COMMIT (flush included),
        /// committed or not.
        var busySeconds = 0.0
    }

    /// Thrown inside a group transaction to roll it back when job `index` failed.
    private struct JobFailed: Error {
        let index: Int
        let error: any Error
    }

    private let pool: DatabasePool
    /// Runs after a group's jobs, inside its transaction (writes each job left for the commit).
    private let beforeCommit: @Sendable (Database) throws -> Void
    private let state = Mutex(State())
    private let counts = Mutex(Statistics())
    /// Most jobs per transaction (bounds the time a group holds the writer).
    private let maximumGroup: Int

    init(pool: DatabasePool, maximumGroup: Int = 64, beforeCommit: @escaping @Sendable (Database) throws -> Void) {
        self.pool = pool
        self.beforeCommit = beforeCommit
        self.maximumGroup = maximumGroup
    }

    var statistics: Statistics { counts.withLock { $0 } }

    /// Runs `body` in the next group transaction and returns its result once the group has committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(run: { db in
                let value = try body(db)
                return Answer(committed: { continuation.resume(returning: value) })
            }, fail: { continuation.resume(throwing: $0) })
            let startDrain = state.withLock { state in
                state.pending.append(job)
                defer { state.draining = true }
                return !state.draining
            }
            if startDrain { pool.asyncWriteWithoutTransaction { db in self.drain(db) } }
        }
    }

    /// Writes groups until the queue is empty, staying on the writer's queue between groups.
    private func drain(_ db: Database) {
        while true {
            var jobs: [Job] = state.withLock { state in
                let taken = Array(state.pending.prefix(maximumGroup))
                state.pending.removeFirst(taken.count)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            guard !jobs.isEmpty else { return }
            while !jobs.isEmpty {
                var answers: [Answer] = []
                let started = ContinuousClock.now
                defer {
                    let elapsed = ContinuousClock.now - started
                    counts.withLock { $0.busySeconds += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18 }
                }
                do {
                    try db.inTransaction(.immediate) {
                        for (index, job) in jobs.enumerated() {
                            do { answers.append(try job.run(db)) } catch { throw JobFailed(index: index, error: error) }
                        }
                        try beforeCommit(db)
                        return .commit
                    }
                    counts.withLock { $0.groups += 1; $0.jobs += answers.count }
                    for answer in answers { answer.committed() }
                    jobs = []
                } catch let failure as JobFailed {
                    // Rolled back: answer the failed job, run the others again.
                    jobs.remove(at: failure.index).fail(failure.error)
                } catch {
                    // The commit (or the writes before it) failed: nothing of the group is written.
                    for job in jobs { job.fail(error) }
                    jobs = []
                }
            }
        }
    }
}
