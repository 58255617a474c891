import GRDB
import RegistryCore
import RegistryStore

/// `former_name_keys` (migration 0008): every ended name (a `name_history` row with `valid_to`) under the keys the
/// name check finds former names by. Each key is a lookup in the primary key, so a check no longer reads every
/// name its authority ended in the cooldown year. The keys are the name in search form (`n:`), the 字号 in search
/// form (`z:`), its toneless pinyin (`p:`) and every substring of the 字号 of two or more characters, itself
/// included (`g:`).
enum FormerNameKeys {
    static let createSQL = """
        CREATE TABLE former_name_keys (
            authority TEXT NOT NULL,
            key TEXT NOT NULL,
            entity_id INTEGER NOT NULL,
            valid_from TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (authority, key, entity_id, valid_from, name)
        ) WITHOUT ROWID
        """
    static let insertSQL = "INSERT OR IGNORE INTO former_name_keys (authority, key, entity_id, valid_from, name) VALUES (?, ?, ?, ?, ?)"

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
    static func rows(authority: String, entityID: Int64, validFrom: String, name: String, zihao: String) -> [[ColumnValue]] {
        keys(name: name, zihao: zihao).map { [.text(authority), .text($0), .integer(entityID), .text(validFrom), .text(name)] }
    }

    /// The keys a check looks up for `query`; nil when its 字号 has fewer than two characters (such a 字号 is contained
    /// in too many others to look up: the caller reads the whole range instead).
    static func lookups(_ query: NameCandidateQuery) -> [String]? {
        guard query.contained.count >= 2 else { return nil }
        return ["n:" + query.nameKey, "p:" + query.pinyin, "g:" + query.contained] + query.zihaoKeys.map { "z:" + $0 }
    }

    /// Records the keys of the names of entity `entityID` that are still current, just before they end (a rename).
    static func recordEnding(_ db: Database, entityID: Int64) throws {
        let rows = try Row.fetchAll(try db.cachedStatement(sql: """
            SELECT authority, valid_from, name, zihao FROM name_history WHERE entity_id = ? AND valid_to IS NULL
            """), arguments: [entityID])
        var writer = try RowWriter(db, sql: insertSQL)
        for row in rows {
            for values in Self.rows(authority: row[0], entityID: entityID, validFrom: row[1], name: row[2], zihao: row[3]) {
                try writer.run(values)
            }
        }
    }

    /// Fills the table from every ended name (migration 0008, for a registry that has some already).
    static func backfill(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT authority, entity_id, valid_from, name, zihao FROM name_history WHERE valid_to IS NOT NULL")
        var writer = try RowWriter(db, sql: insertSQL)
        for row in rows {
            for values in Self.rows(authority: row[0], entityID: row[1], validFrom: row[2], name: row[3], zihao: row[4]) {
                try writer.run(values)
            }
        }
    }
}
