import GRDB
import RegistryStore
@testable import RegistrySQLite
import Testing

/// A registration is answered only once it is on disk: the writer commits with `synchronous = FULL` in WAL
/// mode (GRDB's pool would otherwise leave its writer at NORMAL, which skips the WAL flush at commit).
struct DurabilityTests {
    @Test func theWriterFlushesEveryCommit() async throws {
        let store = try await TemporaryStore.make("durable")
        _ = try await store.register(ContractFixtures.draft(index: 1, zihao: "落盘"))
        let (synchronous, journal) = try await store.pool.write { db in
            (try Int.fetchOne(db, sql: "PRAGMA synchronous"), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(synchronous == 2)  // FULL
        #expect(journal == "wal")
    }
}
