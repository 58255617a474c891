import GRDB
import RegistryCore
import RegistryStore

/// `former_name_keys` (migration 0008): every ended name (a `name_history` row with `valid_to`) under the keys the
/// name check finds former names by. Each key is a range of the primary key (names that ended since a day), so a
/// check no longer reads every name its authority ended in the cooldown year. The keys are the name in search form (`n:`), the 字号 in search
/// form (`z:`), its toneless pinyin (`p:`) and every substring of the 字号 of two or more characters, itself
/// included (`g:`).
enum FormerNameKeys {
    static let createSQL = """
        CREATE TABLE former_name_keys (
            authority TEXT NOT NULL,
            key TEXT NOT NULL,
            valid_to TEXT NOT NULL,
            entity_id INTEGER NOT NULL,
            valid_from TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (authority, key, valid_to, entity_id, valid_from, name)
        ) WITHOUT ROWID
        """
    static let insertSQL = """
        INSERT OR IGNORE INTO former_name_keys (authority, key, valid_to, entity_id, valid_from, name) VALUES (?, ?, ?, ?, ?, ?)
        """

    /// The keys of a name and its 字号 (as stored: `SearchText.normalize` applies here).
    static func keys(name: String, zihao: String, tables: HanTables = .standard) -> [String] {
        let zihaoKey = SearchText.normalize(zihao, tables: tables)
        var keys: Set<String> = ["n:" + SearchText.normalize(name, tables: tables), "z:" + zihaoKey, "p:" + tables.pinyinKey(zihaoKey)]
        let characters = Array(zihaoKey)
        if characters.count >= 2 {
            for length in 2...characters.count {
                for start in 0...(characters.count - length) { keys.insert("g:" + String(characters[start..<(start + length)])) }
            }
        }
        return keys.sorted()
    }

    /// The rows of one ended name.
    static func rows(authority: String, validTo: String, entityID: Int64, validFrom: String, name: String, zihao: String) -> [[ColumnValue]] {
        keys(name: name, zihao: zihao).map { [.text(authority), .text($0), .text(validTo), .integer(entityID), .text(validFrom), .text(name)] }
    }

    /// The keys a check looks up for `query`; nil when its 字号 has fewer than two characters (such a 字号 is contained
    /// in too many others to look up: the caller reads the whole range instead).
    static func lookups(_ query: NameCandidateQuery) -> [String]? {
        guard query.contained.count >= 2 else { return nil }
        return ["n:" + query.nameKey, "p:" + query.pinyin, "g:" + query.contained] + query.zihaoKeys.map { "z:" + $0 }
    }

    /// Records the keys of entity `entityID`'s ended names, after a rename ended one (the others are there already).
    static func recordEnded(_ db: Database, entityID: Int64) throws {
        try record(db, try db.cachedStatement(sql: """
            SELECT authority, valid_to, entity_id, valid_from, name, zihao FROM name_history WHERE entity_id = ? AND valid_to IS NOT NULL
            """), arguments: [entityID])
    }

    /// Fills the table from every ended name (migration 0008, for a registry that has some already).
    static func backfill(_ db: Database) throws {
        try record(db, try db.makeStatement(sql: """
            SELECT authority, valid_to, entity_id, valid_from, name, zihao FROM name_history WHERE valid_to IS NOT NULL
            """), arguments: [])
    }

    /// Inserts the keys of the `name_history` rows `statement` selects (authority, valid_to, entity_id, valid_from,
    /// name, zihao).
    private static func record(_ db: Database, _ statement: Statement, arguments: StatementArguments) throws {
        let rows = try Row.fetchAll(statement, arguments: arguments)
        var writer = try RowWriter(db, sql: insertSQL)
        for row in rows {
            for values in Self.rows(authority: row[0], validTo: row[1], entityID: row[2], validFrom: row[3], name: row[4], zihao: row[5]) {
                try writer.run(values)
            }
        }
    }
}
