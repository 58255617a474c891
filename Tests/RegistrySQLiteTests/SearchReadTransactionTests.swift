import GRDB
import RegistryCore
@testable import RegistrySQLite
import RegistryStore
import Testing

/// A search runs in a read transaction of its own statements (`inReadTransaction`): one snapshot for the page and its
/// total, and never a connection handed back inside a transaction, even when the search fails midway.
struct SearchReadTransactionTests {
    struct Midway: Error {}

    @Test func aFailedSearchLeavesNoTransactionOpen() async throws {
        let store = try await TemporaryStore.make("read-transaction")
        _ = try await store.register(ContractFixtures.draft(index: 1, zihao: "云图湾"))
        let left = try await store.pool.unsafeRead { db -> Bool in
            do {
                _ = try SQLiteRegistryStore.inReadTransaction(db) { () throws -> Int in
                    #expect(db.isInsideTransaction)
                    _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM entities")
                    throw Midway()
                }
                Issue.record("the error must reach the caller")
            } catch is Midway {}
            return db.isInsideTransaction
        }
        #expect(!left, "rolled back before the connection went back to the pool")
        _ = try await store.register(ContractFixtures.draft(index: 2, zihao: "云图川"))
        let page = try await store.search(try SearchQuery(text: "云图"))
        #expect(page.total == 2, "later searches see later writes: no stale snapshot was kept")
    }
}
