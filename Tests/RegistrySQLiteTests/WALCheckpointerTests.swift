import Foundation
import RegistryCore
import RegistrySQLite
import RegistryStore
import Testing

/// Committed pages reach the database file through the checkpointer's own connection: the writer's automatic
/// checkpoint only starts at 8,000 WAL pages, far above what these writes leave.
struct WALCheckpointerTests {
    @Test func commitsAreCheckpointedOffTheWriter() async throws {
        let store = try await TemporaryStore.make("checkpoint")
        func size(_ suffix: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: store.path + suffix)[.size] as? Int ?? 0
        }
        let before = try size("")
        #expect(try size("-wal") > before, "the migrations are still in the WAL")
        _ = try await store.register(ContractFixtures.draft(index: 1, zihao: "检查点"))
        var after = try size("")
        for _ in 0..<100 where after <= before {
            try await Task.sleep(for: .milliseconds(50))
            after = try size("")
        }
        #expect(after > before, "the database file grew from \(before) bytes once the checkpointer copied the WAL back")
        #expect(try await store.search(try SearchQuery(text: "检查点")).total == 1)
    }
}
