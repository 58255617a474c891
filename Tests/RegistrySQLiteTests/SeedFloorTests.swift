import Foundation
import GRDB
import RegistryCore
import RegistrySQLite
import RegistryService
import RegistryTestSupport
import Testing

/// `yizhao bench seed`'s floor loads the same rows the seed writes, so the ratio compares like with like.
struct SeedFloorTests {
    @Test func theFloorLoadsEveryDossierRowAndIndexesEveryName() throws {
        let dossiers = SyntheticRegistry(count: 600, seed: 5, today: TemporaryStore.today).dossiers(0..<600)
        let path = Scratch.directory.appendingPathComponent("yizhao-floor-\(UUID().uuidString).db").path
        let seconds = try SQLiteBenchmarkSupport.rawLoad(dossiers, into: path)
        #expect(seconds > 0)
        let queue = try DatabaseQueue(path: path)
        for table in SnapshotTable.allCases where table.isDossierTable {
            let expected = dossiers.reduce(0) { $0 + SnapshotRows.rows(of: $1, in: table).count }
            #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table.rawValue)") } == expected, "\(table)")
        }
        // Every current and former name is in the trigram index, findable by a substring.
        let renamed = try #require(dossiers.first { !$0.formerNames.isEmpty })
        for record in renamed.names {
            let part = String(record.name.dropFirst().prefix(3))
            let found = try queue.read { try Int64.fetchAll($0, sql: "SELECT rowid FROM names WHERE names MATCH ?", arguments: ["\"\(part)\""]) }
            #expect(!found.isEmpty, "\(record.name)")
        }
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM names") } == dossiers.reduce(0) { $0 + $1.names.count })
        try queue.close()
    }
}
