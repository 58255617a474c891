import GRDB
import RegistryCore

extension SQLiteBenchmarkSupport {
    /// The seed benchmark's floor (SPEC §9: "raw load + FTS build"): the rows of `dossiers` — the values of the
    /// snapshot's five dossier files (entities, licenses, tax, statistics, name history) — inserted into bare tables of
    /// a new file at `path`, with a contentless FTS5 trigram index of every name in the name history, in one durable
    /// transaction (WAL, `synchronous=FULL`, the seed's 512 MB page cache). No secondary index, no bigram index, no
    /// term counts, no name-check tables. Returns the seconds from opening the file to the end of the commit.
    public static func rawLoad(_ dossiers: [EntityDossier], into path: String) throws -> Double {
        let clock = ContinuousClock()
        let started = clock.now
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA cache_size = -524288") }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let tables = SnapshotTable.allCases.filter(\.isDossierTable)
        try queue.write { db in
            for table in tables {
                try db.execute(sql: "CREATE TABLE \(table.rawValue) (" + table.columns.map { "\($0.name) ANY" }.joined(separator: ", ") + ")")
            }
            try db.execute(sql: "CREATE VIRTUAL TABLE names USING fts5(name, content='', tokenize='trigram')")
            // After the schema is complete: a schema change empties GRDB's statement cache, which the writers' handles live in.
            var writers = try tables.map { table in
                try RowWriter(db, sql: "INSERT INTO \(table.rawValue) VALUES (?" + String(repeating: ", ?", count: table.columns.count - 1) + ")")
            }
            var name = try RowWriter(db, sql: "INSERT INTO names (rowid, name) VALUES (?, ?)")
            var nameID: Int64 = 0
            for dossier in dossiers {
                for (index, table) in tables.enumerated() {
                    for row in SnapshotRows.rows(of: dossier, in: table) {
                        for value in row {
                            switch value {
                            case .text(let text): writers[index].bind(text)
                            case .integer(let number): writers[index].bind(number)
                            case .null: writers[index].bind(String?.none)
                            }
                        }
                        try writers[index].run()
                    }
                }
                for period in dossier.names {
                    nameID += 1
                    name.bind(nameID)
                    name.bind(period.name)
                    try name.run()
                }
            }
        }
        try queue.close()
        let elapsed = clock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
