import GRDB
import RegistryCore
import RegistryStore

extension SQLiteRegistryStore {
    public func search(_ query: SearchQuery) async throws(StoreError) -> SearchPage {
        try await read { db in try SQLiteSearch(db: db, query: query).run() }
    }
}

/// One search, run inside a read transaction (so the page and its total see the same snapshot).
///
/// Name queries are ranked in four tiers — exact name, exact 字号, prefix, substring — each read in
/// descending search-key order (active before closed, newer before older) straight from an index:
/// FTS5 trigrams for the exact/prefix tiers and 3+ character substrings, the bigram B-tree for
/// 2-character substrings (SQLite 3.40's trigram tokenizer finds nothing under 3 characters). Each
/// tier excludes what a higher tier already returned with a per-row test on the entity's document.
struct SQLiteSearch {
    let db: Database
    let query: SearchQuery

    static let columns = """
        e.id, e.code, e.name, e.status, e.type, e.authority, e.industry_code, e.established_on, e.name_shown_as_code
        """
    static let marker = String(Character(SearchText.marker))

    func run() throws -> SearchPage {
        switch query.kind {
        case .name(let text): return try page(tiers: nameTiers(text), total: try nameTotal(text))
        case .pinyin(let text): return try page(tiers: pinyinTiers(text), total: try simpleTotal(pinyinTiers(text)))
        case .code(let text): return try codePage(text)
        }
    }

    // MARK: Tiers

    /// One ranking tier: a statement selecting `columns` and `key`, ordered by key descending, that
    /// takes `… AND <key> < ?` and filters; `keyColumn` names the key in its FROM clause.
    struct Tier {
        let number: Int
        let from: String
        let keyColumn: String
        let conditions: [String]
        let arguments: [(any DatabaseValueConvertible)?]
    }

    func nameTiers(_ q: String) -> [Tier] {
        let m = Self.marker
        let fts = "search_trigrams t JOIN entities e ON e.search_key = t.rowid"
        let withDocument = "entities e JOIN search_documents d ON d.search_key = e.search_key"
        var tiers = [
            Tier(number: 1, from: fts, keyColumn: "t.rowid", conditions: ["search_trigrams MATCH ?"],
                 arguments: [Self.phrase(m + q + m)]),
            Tier(number: 2, from: withDocument, keyColumn: "e.search_key",
                 conditions: ["e.zihao_key = ?", "instr(d.document, ?) = 0"], arguments: [q, m + q + m]),
            Tier(number: 3, from: fts, keyColumn: "t.rowid",
                 conditions: ["search_trigrams MATCH ?", "instr(t.document, ?) = 0", "e.zihao_key <> ?"],
                 arguments: [Self.phrase(m + q), m + q + m, q]),
        ]
        if q.unicodeScalars.count == 2 {
            tiers.append(Tier(
                number: 4,
                from: "search_bigrams b JOIN entities e ON e.search_key = b.rowid JOIN search_documents d ON d.search_key = b.rowid",
                keyColumn: "b.rowid", conditions: ["search_bigrams MATCH ?", "instr(d.document, ?) = 0", "e.zihao_key <> ?"],
                arguments: [Self.phrase(q), m + q, q]))
        } else {
            tiers.append(Tier(number: 4, from: fts, keyColumn: "t.rowid", conditions: ["search_trigrams MATCH ?", "e.zihao_key <> ?"],
                              arguments: [Self.phrase(q) + " NOT " + Self.phrase(m + q), q]))
        }
        return tiers
    }

    func pinyinTiers(_ q: String) -> [Tier] {
        var tiers = [Tier(number: 2, from: "entities e", keyColumn: "e.search_key",
                          conditions: ["(e.zihao_pinyin = ? OR e.zihao_initials = ?)"], arguments: [q, q])]
        if q.count >= 3 {
            tiers.append(Tier(number: 3, from: "entities e", keyColumn: "e.search_key",
                              conditions: ["e.zihao_pinyin > ?", "e.zihao_pinyin < ?", "e.zihao_initials <> ?"],
                              arguments: [q, q + "{", q]))
        }
        return tiers
    }

    /// An FTS5 phrase. Search text holds only letters, digits and the marker, never a quote.
    static func phrase(_ text: String) -> String { "\"" + text + "\"" }

    // MARK: Filters

    var filter: (conditions: [String], arguments: [(any DatabaseValueConvertible)?]) {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        let filters = query.filters
        if let region = filters.regionPrefix {
            conditions.append("substr(e.authority, 1, ?) = ?")
            arguments += [region.count, region]
        }
        if let status = filters.status {
            conditions.append("e.status = ?")
            arguments.append(status.display)
        }
        if let type = filters.type {
            conditions.append("e.type = ?")
            arguments.append(type.rawValue)
        }
        if let section = filters.section {
            conditions.append("e.industry_section = ?")
            arguments.append(section)
        }
        return (conditions, arguments)
    }

    // MARK: Pages

    func page(tiers: [Tier], total: (Int, Bool)) throws -> SearchPage {
        let wanted = query.limit + 1
        var hits: [SearchHit] = []
        for tier in tiers where tier.number >= (query.cursor?.tier ?? 1) {
            let after = query.cursor.flatMap { $0.tier == tier.number ? $0.key : nil } ?? Int64.max
            hits += try fetch(tier, before: after, limit: wanted - hits.count)
            if hits.count >= wanted { break }
        }
        let more = hits.count > query.limit
        if more { hits.removeLast(hits.count - query.limit) }
        let cursor = more ? hits.last.map { SearchCursor(tier: $0.tier, key: $0.key) } : nil
        return SearchPage(hits: hits, total: total.0, totalIsEstimate: total.1, nextCursor: cursor)
    }

    func fetch(_ tier: Tier, before key: Int64, limit: Int) throws -> [SearchHit] {
        let filter = self.filter
        let conditions = tier.conditions + ["\(tier.keyColumn) < ?"] + filter.conditions
        let sql = "SELECT \(Self.columns), \(tier.keyColumn) AS key FROM \(tier.from) WHERE "
            + conditions.joined(separator: " AND ") + " ORDER BY \(tier.keyColumn) DESC LIMIT ?"
        let arguments = tier.arguments + [key] + filter.arguments + [limit]
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { try hit($0, tier: tier.number, key: $0["key"]) }
    }

    func hit(_ row: Row, tier: Int, key: Int64) throws -> SearchHit {
        let code = try DossierReader.code(row["code"])
        let shownAsCode: Bool = row["name_shown_as_code"]
        return SearchHit(
            code: code, name: shownAsCode ? code.rawValue : row["name"],
            status: try DossierReader.parse(row["status"], EntityStatus.init(parsing:), "status"),
            type: try DossierReader.parse(row["type"], EntityType.init(rawValue:), "type"),
            authority: try DossierReader.parse(row["authority"], { RegionCode($0) }, "authority"),
            industry: try DossierReader.parse(row["industry_code"], { IndustryCode($0) }, "industry_code"),
            establishedOn: try DossierReader.date(row["established_on"]), tier: tier, key: key)
    }

    // MARK: Codes (ordered by code; the cursor carries the last entity's id)

    func codePage(_ prefix: String) throws -> SearchPage {
        let filter = self.filter
        var conditions = ["e.code >= ?", "e.code < ?"] + filter.conditions
        var arguments: [(any DatabaseValueConvertible)?] = [prefix, prefix + "~"] + filter.arguments
        if let cursor = query.cursor {
            conditions.append("e.code > (SELECT code FROM entities WHERE id = ?)")
            arguments.append(cursor.key)
        }
        let sql = "SELECT \(Self.columns) FROM entities e WHERE " + conditions.joined(separator: " AND ") + " ORDER BY e.code LIMIT ?"
        var hits = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments + [query.limit + 1])).map {
            try hit($0, tier: $0["code"] == prefix ? 1 : 3, key: $0["id"])
        }
        let more = hits.count > query.limit
        if more { hits.removeLast() }
        let countSQL = "SELECT count(*) FROM (SELECT 1 FROM entities e WHERE e.code >= ? AND e.code < ?"
            + filter.conditions.map { " AND " + $0 }.joined() + " LIMIT \(SearchPage.exactTotalLimit + 1))"
        let counted = try Int.fetchOne(db, sql: countSQL, arguments: StatementArguments([prefix, prefix + "~"] + filter.arguments)) ?? 0
        let total = counted > SearchPage.exactTotalLimit
            ? (try Int.fetchOne(db, sql: "SELECT count(*) FROM entities WHERE code >= ? AND code < ?", arguments: [prefix, prefix + "~"]) ?? counted, true)
            : (counted, false)
        return SearchPage(hits: hits, total: total.0, totalIsEstimate: total.1,
                          nextCursor: more ? hits.last.map { SearchCursor(tier: 3, key: $0.key) } : nil)
    }
}
