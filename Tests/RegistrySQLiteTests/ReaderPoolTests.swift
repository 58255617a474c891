import Dispatch
import Foundation
import RegistryCore
@testable import RegistrySQLite
import RegistryStore
import RegistryTestSupport
import Testing

/// Searches read on the calling thread (a cooperative thread, blocked while it waits for a reader connection), while
/// every other read is asynchronous. An asynchronous read must never keep a reader connection while it waits to be
/// resumed on a cooperative thread: with the cooperative threads all blocked in searches waiting for a connection,
/// nothing would ever resume it, and the service would hang.
struct ReaderPoolTests {
    @Test func searchesAndAsynchronousReadsTogetherNeverHang() async throws {
        // No page cache: every search reads.
        let store = try SQLiteRegistryStore(path: Scratch.directory.appendingPathComponent("yizhao-reader-pool-\(UUID().uuidString).db").path,
                                            searchCacheCapacity: 0)
        try await store.migrate()
        var codes: [CreditCode] = []
        for index in 1...8 { codes.append(try await store.register(ContractFixtures.draft(index: index, zihao: "星河\(["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛"][index - 1])")).entity.code) }
        let query = try SearchQuery(text: "星河")
        // A hang blocks the cooperative threads, so nothing in the process (a time limit included) would ever
        // report it: a watchdog on a dispatch queue ends the run with the reason instead.
        let watchdog = DispatchWorkItem { fatalError("ReaderPoolTests: searches and asynchronous reads hung for 60 s (reader pool deadlock)") }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        defer { watchdog.cancel() }
        // Many more concurrent readers than reader connections (4) and cooperative threads.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<32 {
                let code = codes[client % codes.count]
                group.addTask {
                    for round in 0..<150 {
                        if (client + round) % 2 == 0 {
                            let dossier = try await store.dossier(code)
                            #expect(dossier != nil)
                        } else {
                            let page = try await store.search(query)
                            #expect(page.total == 8)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
