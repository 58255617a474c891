import GRDB
import RegistryCore
import RegistryStore

/// `zihao_grams`: each entity's proper 字号 substrings of two or more characters, so that "which 字号 in
/// this authority contain 红光" is an index lookup (W-CONTAINS) instead of a scan.
enum ZihaoGrams {
    static let insertSQL = "INSERT INTO zihao_grams (entity_id, authority, gram) VALUES (?, ?, ?)"

    /// The distinct proper substrings of length ≥ 2 of a 字号 key (none for a 2-character 字号).
    static func grams(of zihaoKey: String) -> [String] { NameIndexTerms.zihaoGrams(of: zihaoKey) }

    /// The rows of one entity.
    static func rows(entityID: Int64, authority: String, zihaoKey: String) -> [[ColumnValue]] {
        grams(of: zihaoKey).map { [.integer(entityID), .text(authority), .text($0)] }
    }

    /// Replaces an entity's rows after a rename from `oldZihaoKey` (deleted through the gram index: no
    /// per-entity index to maintain at seeding time).
    static func replace(_ db: Database, entityID: Int64, authority: String, oldZihaoKey: String, zihaoKey: String) throws {
        for gram in grams(of: oldZihaoKey) {
            try db.cachedStatement(sql: "DELETE FROM zihao_grams WHERE authority = ? AND gram = ? AND entity_id = ?")
                .execute(arguments: [authority, gram, entityID])
        }
        var row = try RowWriter(db, sql: insertSQL)
        for values in rows(entityID: entityID, authority: authority, zihaoKey: zihaoKey) { try row.run(values) }
    }

    /// Fills the (empty) table from every entity in one statement: after a bulk load into an empty
    /// registry, far cheaper than a statement per row. Distinct proper substrings, as `grams(of:)`.
    static func fillAll(_ db: Database) throws {
        let longest = try Int.fetchOne(try db.cachedStatement(sql: "SELECT max(length(zihao_key)) FROM entities")) ?? 0
        guard longest > 2 else { return }
        // Every (start, length) a proper substring of the longest 字号 can have; each entity keeps those
        // that fit inside its own 字号.
        try db.cachedStatement(sql: """
            WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?),
                 spans(start, n) AS (SELECT a.n, b.n FROM k a JOIN k b WHERE b.n >= 2 AND a.n + b.n - 1 <= ?)
            INSERT INTO zihao_grams (entity_id, authority, gram)
            SELECT DISTINCT e.id, e.authority, substr(e.zihao_key, spans.start, spans.n)
            FROM entities e JOIN spans ON spans.n < length(e.zihao_key) AND spans.start + spans.n - 1 <= length(e.zihao_key)
            WHERE length(e.zihao_key) > 2
            """).execute(arguments: [longest, longest])
    }

    /// Fills the table for a registry created before it existed (migration 0003): the same set-based fill.
    static func backfill(_ db: Database) throws {
        try fillAll(db)
    }
}
