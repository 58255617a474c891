import Foundation
import RegistryCore
import RegistrySQLite
import RegistryStore
import Testing

/// Group commit: concurrent writes share transactions, yet each stays atomic and a failing one takes no
/// other down with it.
struct GroupCommitTests {
    @Test func failingJobsRollBackAloneInAGroup() async throws {
        let store = try await TemporaryStore.make("group")
        let unknown = try CodeAllocator.creditCode(type: .llc, authority: RegionCode(value: 430_104)!, sequence: 99_999)
        let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<60 {
                group.addTask {
                    if index % 2 == 0 {
                        _ = try await store.register(ContractFixtures.draft(index: index, zihao: "并发\(index)"))
                        return true
                    }
                    do {
                        _ = try await store.changeStatus(unknown, to: .deregistered, on: ContractFixtures.day)
                        return true
                    } catch let error as StoreError {
                        #expect(error == .entityNotFound(unknown))
                        return false
                    }
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 }.count == 30)
        #expect(try await store.entityCount() == 30)
        let page = try await store.search(try SearchQuery(text: "并发"))
        #expect(page.total == 30)
    }
}
