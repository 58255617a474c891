import PostgresNIO
import RegistryCore
import RegistryStore

extension PostgresRegistryStore {
    public func search(_ query: SearchQuery) async throws(StoreError) -> SearchPage {
        // One REPEATABLE READ transaction: the page and its total see the same snapshot.
        try await transaction(.repeatableRead) { connection, logger in
            try await PostgresSearch(connection: connection, logger: logger, query: query).run()
        }
    }
}

/// One search (SPEC §3 ranking, the same tiers and order as the SQLite backend): exact name, exact 字号,
/// prefix, substring — each read in ascending search-key order. Exact names come from
/// `name_history.name_key`, exact 字号 from `entities.zihao_key`; prefixes and substrings of 3+ characters
/// from the documents' pg_trgm index (`LIKE '%…%'`), of 2 characters from the `search_grams` side table
/// (pg_trgm has no trigram to look up there and would scan).
struct PostgresSearch {
    let connection: PostgresConnection
    let logger: Logger
    let query: SearchQuery

    static let columns = "e.id, e.code, e.name, e.status, e.type, e.authority, e.industry_code, e.established_on, e.name_shown_as_code"
    static let marker = String(Character(SearchText.marker))

    func run() async throws -> SearchPage {
        switch query.kind {
        case .name(let text): return try await page(tiers: nameTiers(text)) { try await nameTotal(text) }
        case .pinyin(let text): return try await page(tiers: pinyinTiers(text)) { try await simpleTotal(pinyinTiers(text)) }
        case .code(let text): return try await codePage(text)
        }
    }

    // MARK: Tiers

    /// One ranking tier: a FROM clause and conditions (with their bound values, added by `conditions`), read
    /// in `keyColumn` order.
    struct Tier {
        let number: Int
        let from: String
        let keyColumn: String
        let conditions: (inout SQLStatement) -> [String]
    }

    func nameTiers(_ q: String) -> [Tier] {
        let m = Self.marker
        let notExact: (inout SQLStatement) -> String = { "e.id NOT IN (SELECT entity_id FROM name_history WHERE name_key = \($0.bind(q)))" }
        let short = q.unicodeScalars.count == 2
        let exact = Tier(number: 1, from: "entities e", keyColumn: "e.search_key") { s in
            ["e.id IN (SELECT entity_id FROM name_history WHERE name_key = \(s.bind(q)))"]
        }
        let zihao = Tier(number: 2, from: "entities e", keyColumn: "e.search_key") { s in ["e.zihao_key = \(s.bind(q))", notExact(&s)] }
        if short {
            let from = "search_grams g JOIN entities e ON e.search_key = g.search_key"
            return [exact, zihao,
                    Tier(number: 3, from: from, keyColumn: "g.search_key") { s in
                        ["g.gram = \(s.bind(SearchText.prefixToken(q)))", "e.zihao_key <> \(s.bind(q))", notExact(&s)]
                    },
                    Tier(number: 4, from: from, keyColumn: "g.search_key") { s in
                        ["g.gram = \(s.bind(q))",
                         "NOT EXISTS (SELECT 1 FROM search_grams p WHERE p.gram = \(s.bind(SearchText.prefixToken(q))) AND p.search_key = g.search_key)",
                         "e.zihao_key <> \(s.bind(q))", notExact(&s)]
                    }]
        }
        let from = "search_documents d JOIN entities e ON e.search_key = d.search_key"
        return [exact, zihao,
                Tier(number: 3, from: from, keyColumn: "d.search_key") { s in
                    ["d.document LIKE \(s.bind("%" + m + q + "%"))", "e.zihao_key <> \(s.bind(q))", notExact(&s)]
                },
                Tier(number: 4, from: from, keyColumn: "d.search_key") { s in
                    ["d.document LIKE \(s.bind("%" + q + "%"))", "d.document NOT LIKE \(s.bind("%" + m + q + "%"))",
                     "e.zihao_key <> \(s.bind(q))", notExact(&s)]
                }]
    }

    func pinyinTiers(_ q: String) -> [Tier] {
        var tiers = [Tier(number: 2, from: "entities e", keyColumn: "e.search_key") { s in
            ["(e.zihao_pinyin = \(s.bind(q)) OR e.zihao_initials = \(s.bind(q)))"]
        }]
        if q.count >= 3 {
            tiers.append(Tier(number: 3, from: "entities e", keyColumn: "e.search_key") { s in
                ["e.zihao_pinyin > \(s.bind(q))", "e.zihao_pinyin < \(s.bind(q + "{"))", "e.zihao_initials <> \(s.bind(q))"]
            })
        }
        return tiers
    }

    // MARK: Filters

    func filters(_ s: inout SQLStatement) -> [String] {
        var conditions: [String] = []
        let filters = query.filters
        if let region = filters.regionPrefix { conditions.append("left(e.authority, \(s.bind(Int64(region.count)))::int) = \(s.bind(region))") }
        if let status = filters.status { conditions.append("e.status = \(s.bind(status.display))") }
        if let type = filters.type { conditions.append("e.type = \(s.bind(type.rawValue))") }
        if let section = filters.section { conditions.append("e.industry_section = \(s.bind(String(section)))") }
        return conditions
    }

    var hasFilters: Bool {
        var scratch = SQLStatement()
        return !filters(&scratch).isEmpty
    }

    // MARK: Pages

    /// The page; `total` runs only when the page itself does not tell (a first page that ends the results
    /// holds them all).
    func page(tiers: [Tier], total: () async throws -> (Int, Bool)) async throws -> SearchPage {
        let wanted = query.limit + 1
        var hits: [SearchHit] = []
        for tier in tiers where tier.number >= (query.cursor?.tier ?? 1) {
            let after = query.cursor.flatMap { $0.tier == tier.number ? $0.key : nil }
            hits += try await fetch(tier, after: after, limit: wanted - hits.count)
            if hits.count >= wanted { break }
        }
        let more = hits.count > query.limit
        if more { hits.removeLast(hits.count - query.limit) }
        let cursor = more ? hits.last.map { SearchCursor(tier: $0.tier, key: $0.key) } : nil
        let counted = query.cursor == nil && !more ? (hits.count, false) : try await total()
        return SearchPage(hits: hits, total: counted.0, totalIsEstimate: counted.1, nextCursor: cursor)
    }

    func fetch(_ tier: Tier, after key: Int64?, limit: Int) async throws -> [SearchHit] {
        var s = SQLStatement()
        var conditions = tier.conditions(&s)
        if let key { conditions.append("\(tier.keyColumn) > \(s.bind(key))") }
        conditions += filters(&s)
        s.append("SELECT \(Self.columns), \(tier.keyColumn) AS key FROM \(tier.from) WHERE " + conditions.joined(separator: " AND ")
                 + " ORDER BY \(tier.keyColumn) LIMIT \(s.bind(Int64(limit)))")
        return try await connection.rows(s, logger: logger).map { try hit($0, tier: tier.number, key: try $0.int64("key")) }
    }

    func hit(_ row: ResultRow, tier: Int, key: Int64) throws -> SearchHit {
        let code = try row.parse("code") { try? CreditCode(validating: $0) }
        return SearchHit(
            code: code, name: try row.bool("name_shown_as_code") ? code.rawValue : try row.text("name"),
            status: try row.parse("status", EntityStatus.init(parsing:)), type: try row.parse("type", EntityType.init(rawValue:)),
            authority: try row.parse("authority") { RegionCode($0) }, industry: try row.parse("industry_code") { IndustryCode($0) },
            establishedOn: try row.parse("established_on", CalendarDate.init(iso:)), tier: tier, key: key)
    }

    // MARK: Codes (ordered by code; the cursor carries the last entity's id)

    func codePage(_ prefix: String) async throws -> SearchPage {
        var s = SQLStatement()
        var conditions = ["e.code >= \(s.bind(prefix))", "e.code < \(s.bind(prefix + "~"))"] + filters(&s)
        if let cursor = query.cursor { conditions.append("e.code > (SELECT code FROM entities WHERE id = \(s.bind(cursor.key)))") }
        s.append("SELECT \(Self.columns) FROM entities e WHERE " + conditions.joined(separator: " AND ")
                 + " ORDER BY e.code LIMIT \(s.bind(Int64(query.limit + 1)))")
        var hits = try await connection.rows(s, logger: logger).map { row in
            try hit(row, tier: try row.text("code") == prefix ? 1 : 3, key: try row.int64("id"))
        }
        let more = hits.count > query.limit
        if more { hits.removeLast() }
        var count = SQLStatement()
        let countConditions = ["e.code >= \(count.bind(prefix))", "e.code < \(count.bind(prefix + "~"))"] + filters(&count)
        count.append("SELECT count(*) AS n FROM (SELECT 1 FROM entities e WHERE " + countConditions.joined(separator: " AND ")
                     + " LIMIT \(SearchPage.exactTotalLimit + 1)) c")
        let counted = try await connection.firstRow(count, logger: logger)?.int("n") ?? 0
        var total = (counted, false)
        if counted > SearchPage.exactTotalLimit {
            var all = SQLStatement()
            all.append("SELECT count(*) AS n FROM entities WHERE code >= \(all.bind(prefix)) AND code < \(all.bind(prefix + "~"))")
            total = (try await connection.firstRow(all, logger: logger)?.int("n") ?? counted, true)
        }
        return SearchPage(hits: hits, total: total.0, totalIsEstimate: total.1,
                          nextCursor: more ? hits.last.map { SearchCursor(tier: 3, key: $0.key) } : nil)
    }

    // MARK: Totals

    /// Matches of a name query: exact up to 10,000; beyond that an estimate, flagged (as in SQLite: term
    /// frequencies answer short unfiltered queries in one lookup; otherwise matches are counted up to 10,001
    /// and, past that, the frequency is scaled by the share of a sample that passes the filters).
    func nameTotal(_ q: String) async throws -> (Int, Bool) {
        let length = q.unicodeScalars.count
        let filtered = hasFilters
        let frequency = try await termFrequency(q)
        if !filtered && length <= SearchText.countedTermLength { return (frequency, false) }
        if !filtered && frequency > SearchPage.exactTotalLimit { return (frequency, true) }
        func source(_ s: inout SQLStatement) -> (from: String, condition: String) {
            length == 2
                ? ("search_grams g JOIN entities e ON e.search_key = g.search_key", "g.gram = \(s.bind(q))")
                : ("search_documents d JOIN entities e ON e.search_key = d.search_key", "d.document LIKE \(s.bind("%" + q + "%"))")
        }
        let limit = SearchPage.exactTotalLimit + 1
        var count = SQLStatement()
        let (from, condition) = source(&count)
        count.append("SELECT count(*) AS n FROM (SELECT 1 FROM \(from) WHERE " + ([condition] + filters(&count)).joined(separator: " AND ")
                     + " LIMIT \(limit)) c")
        let counted = try await connection.firstRow(count, logger: logger)?.int("n") ?? 0
        guard counted > SearchPage.exactTotalLimit else { return (counted, false) }
        var sample = SQLStatement()
        let sampled = source(&sample)
        let kept = filters(&sample).joined(separator: " AND ")
        sample.append("SELECT count(*) AS n, coalesce(sum(CASE WHEN \(kept.isEmpty ? "true" : kept) THEN 1 ELSE 0 END), 0) AS kept FROM (SELECT e.* FROM \(sampled.from) WHERE \(sampled.condition) LIMIT 2000) e")
        let row = try await connection.firstRow(sample, logger: logger)
        let n = try row?.int("n") ?? 0
        let keptCount = try row?.int("kept") ?? 0
        let share = n > 0 ? Double(keptCount) / Double(n) : 1
        return (max(limit, Int((Double(frequency) * share).rounded())), true)
    }

    /// Documents holding `q` for a query of up to 4 characters (exact); for longer queries the frequency of its
    /// rarest 4-character part (an upper bound). Counts plus the deltas not yet folded in.
    func termFrequency(_ q: String) async throws -> Int {
        let scalars = Array(q.unicodeScalars)
        let length = SearchText.countedTermLength
        var terms: [String] = []
        if scalars.count <= length {
            terms = [q]
        } else {
            for start in 0...(scalars.count - length) {
                var part = String.UnicodeScalarView()
                part.append(contentsOf: scalars[start..<(start + length)])
                terms.append(String(part))
            }
        }
        var s = SQLStatement()
        let list = s.bind(terms)
        s.append("""
            SELECT coalesce(min(coalesce(c.documents, 0) + coalesce((SELECT sum(delta) FROM search_term_deltas d WHERE d.term = t.term), 0)), 0) AS n
            FROM unnest(\(list)::text[]) AS t(term) LEFT JOIN search_term_counts c ON c.term = t.term
            """)
        return try await connection.firstRow(s, logger: logger)?.int("n") ?? 0
    }

    /// Total of tiers that are small index range scans (pinyin): counted up to the limit, else "more than the limit".
    func simpleTotal(_ tiers: [Tier]) async throws -> (Int, Bool) {
        var total = 0
        for tier in tiers {
            var s = SQLStatement()
            let conditions = tier.conditions(&s) + filters(&s)
            s.append("SELECT count(*) AS n FROM (SELECT 1 FROM \(tier.from) WHERE " + conditions.joined(separator: " AND ")
                     + " LIMIT \(SearchPage.exactTotalLimit + 1)) c")
            total += try await connection.firstRow(s, logger: logger)?.int("n") ?? 0
        }
        return total > SearchPage.exactTotalLimit ? (total, true) : (total, false)
    }
}
