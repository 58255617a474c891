import Foundation
import PostgresNIO
import RegistryCore
import RegistryStore

extension PostgresRegistryStore {
    public func search(_ query: SearchQuery) async throws(StoreError) -> SearchPage {
        // One statement computes the page and its total (one snapshot, one round trip); only a filtered total past
        // 10,000 needs a second (its estimate).
try await read { connection, logger in try await PostgresSearch(connection: connection, logger: logger, query: query).run() }
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
        case .name(let text): return try await namePage(text)
        case .pinyin(let text): return try await pinyinPage(text)
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
        /// A value (a LIKE pattern, a gram) bound into `from` in place of `%@`, when it has one.
        var pattern: String? = nil
        let conditions: (inout SQLStatement) -> [String]

        /// `from` with its pattern bound.
        func fromClause(_ s: inout SQLStatement) -> String {
            guard let pattern else { return from }
            return from.replacingOccurrences(of: "%@", with: s.bind(pattern))
        }
    }

    /// How tiers 3 and 4 of a query of 3+ characters find their documents: each either walks a posting list in key
    /// order, keeping documents that contain the query, until the page is full — cheap when matches are dense in the
    /// list — or collects every matching document through the pg_trgm index and orders them — cheap when matches
    /// are few. Tier 3 (names starting with the query) walks the shorter of two lists holding every name that starts
    /// with it: the names starting with its first two characters, and its rarest bigram's (宁乡县's names come after
    /// 宁乡市's in key order, so the first list made it read thousands of 宁乡市 names; 乡县 holds few others). Tier 4
    /// walks the query's rarest bigram.
    struct Access {
        /// No name starts with the query: tier 3 is empty and left out.
        var noPrefixMatches = false
        /// The posting list tier 3 walks (a name-start token or a bigram), nil to collect through pg_trgm.
        var walkPrefix: String? = nil
        var walkBigram: String? = nil
    }

    func nameTiers(_ q: String, access: Access = Access()) -> [Tier] {
        let m = Self.marker
        let notExact: (inout SQLStatement) -> String = { "e.id NOT IN (SELECT entity_id FROM name_history WHERE name_key = \($0.bind(q)))" }
        let short = q.unicodeScalars.count == 2
        let exact = Tier(number: 1, from: "entities e", keyColumn: "e.search_key") { s in
            ["e.id IN (SELECT entity_id FROM name_history WHERE name_key = \(s.bind(q)))"]
        }
        let zihao = Tier(number: 2, from: "entities e", keyColumn: "e.search_key") { s in ["e.zihao_key = \(s.bind(q))", notExact(&s)] }
        if short {
            // The posting lists of the prefix token and of the bigram itself, walked in key order (fenced, as below).
            let from = "(SELECT search_key FROM search_grams WHERE gram = %@ ORDER BY search_key OFFSET 0) g CROSS JOIN LATERAL "
                + "(SELECT e.* FROM entities e WHERE e.search_key = g.search_key OFFSET 0) e"
            return [exact, zihao,
                    Tier(number: 3, from: from, keyColumn: "g.search_key", pattern: SearchText.prefixToken(q)) { s in
                        ["e.zihao_key <> \(s.bind(q))", notExact(&s)]
                    },
                    Tier(number: 4, from: from, keyColumn: "g.search_key", pattern: q) { s in
                        ["NOT EXISTS (SELECT 1 FROM search_grams p WHERE p.gram = \(s.bind(SearchText.prefixToken(q))) AND p.search_key = g.search_key)",
                         "e.zihao_key <> \(s.bind(q))", notExact(&s)]
                    }]
        }
        // A walk: the posting list in key order (fenced with OFFSET 0), each entry looked up (LATERAL, fenced: a nested
        // loop, whatever the planner guesses of strpos). Trigrams: the matching documents first (fenced), then their order.
        let walk = "(SELECT search_key FROM search_grams WHERE gram = %@ ORDER BY search_key OFFSET 0) g CROSS JOIN LATERAL "
            + "(SELECT e.*, d.document FROM search_documents d JOIN entities e ON e.search_key = d.search_key WHERE d.search_key = g.search_key OFFSET 0) e"
        let trigrams = "(SELECT search_key, document FROM search_documents WHERE document LIKE %@ OFFSET 0) d JOIN entities e ON e.search_key = d.search_key"
        let tier3 = access.walkPrefix.map { list in
            Tier(number: 3, from: walk, keyColumn: "g.search_key", pattern: list) { s in
                ["strpos(e.document, \(s.bind(m + q))) > 0", "e.zihao_key <> \(s.bind(q))", notExact(&s)]
            }
        } ?? Tier(number: 3, from: trigrams, keyColumn: "d.search_key", pattern: "%" + m + q + "%") { s in
            ["e.zihao_key <> \(s.bind(q))", notExact(&s)]
        }
        let tier4 = access.walkBigram.map { rarest in
            Tier(number: 4, from: walk, keyColumn: "g.search_key", pattern: rarest) { s in
                ["strpos(e.document, \(s.bind(q))) > 0", "strpos(e.document, \(s.bind(m + q))) = 0", "e.zihao_key <> \(s.bind(q))", notExact(&s)]
            }
        } ?? Tier(number: 4, from: trigrams, keyColumn: "d.search_key", pattern: "%" + q + "%") { s in
            ["strpos(d.document, \(s.bind(m + q))) = 0", "e.zihao_key <> \(s.bind(q))", notExact(&s)]
        }
        return access.noPrefixMatches ? [exact, zihao, tier4] : [exact, zihao, tier3, tier4]
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
        let filters = query.filters
        return filters.regionPrefix != nil || filters.status != nil || filters.type != nil || filters.section != nil
    }

    func hit(_ row: ResultRow, tier: Int, key: Int64) throws -> SearchHit {
        let code = try row.parse("code") { try? CreditCode(validating: $0) }
        return SearchHit(
            code: code, name: try row.bool("name_shown_as_code") ? code.rawValue : try row.text("name"),
            status: try row.parse("status", EntityStatus.init(parsing:)), type: try row.parse("type", EntityType.init(rawValue:)),
            authority: try row.parse("authority") { RegionCode($0) }, industry: try row.parse("industry_code") { IndustryCode($0) },
            establishedOn: try row.parse("established_on", CalendarDate.init(iso:)), tier: tier, key: key)
    }

    // MARK: One statement per page

    /// `(tier 1 …) UNION ALL (tier 2 …) … LIMIT n+1`, each tier in key order and itself limited: the tiers a cursor
    /// has passed are left out, the cursor's own tier starts after its key.
    func pageSQL(_ tiers: [Tier], _ s: inout SQLStatement) -> String {
        let wanted = Int64(query.limit + 1)
        var branches: [String] = []
        for tier in tiers where tier.number >= (query.cursor?.tier ?? 1) {
            let from = tier.fromClause(&s)
            var conditions = tier.conditions(&s)
            if let cursor = query.cursor, cursor.tier == tier.number { conditions.append("\(tier.keyColumn) > \(s.bind(cursor.key))") }
            conditions += filters(&s)
            branches.append("(SELECT \(Self.columns), \(tier.number) AS tier, \(tier.keyColumn) AS key FROM \(from) WHERE "
                            + conditions.joined(separator: " AND ") + " ORDER BY \(tier.keyColumn) LIMIT \(s.bind(wanted)))")
        }
        // A cursor past every tier: no rows, with the page's columns.
        guard !branches.isEmpty else { return "SELECT \(Self.columns), 0 AS tier, 0::bigint AS key FROM entities e WHERE false" }
        // No outer ORDER BY: the branches come in tier order, each in key order, and the LIMIT stops reading at the first
        // full page, so lower tiers are not read when higher ones fill it (`run` checks the order).
        return "SELECT * FROM (" + branches.joined(separator: " UNION ALL ") + ") tiers LIMIT \(s.bind(wanted))"
    }

    /// Runs `pageSQL` joined to a one-row `totals` select: the rows, and the totals row's columns.
    func run(_ tiers: [Tier], totals: (inout SQLStatement) -> String) async throws -> (hits: [SearchHit], totals: ResultRow?) {
        var s = SQLStatement.preparable()
        let totalsSQL = totals(&s)
        let page = pageSQL(tiers, &s)
        s.append("SELECT t.*, p.* FROM (\(totalsSQL)) t LEFT JOIN LATERAL (\(page)) p ON true")
        let rows = try await PreparedShapes.rows(s, on: connection, logger: logger)
        var hits: [SearchHit] = []
        for row in rows where try row.optionalText("code") != nil {
            hits.append(try hit(row, tier: try row.int("tier"), key: try row.int64("key")))
        }
        // The server reads UNION ALL branches one after the other (the store's sessions run no parallel plans):
        // a page out of order would mean that changed.
        guard zip(hits, hits.dropFirst()).allSatisfy({ ($0.tier, $0.key) < ($1.tier, $1.key) }) else {
            throw StoreError.backend("search page out of order: the server interleaved the tiers")
        }
        return (hits, rows.first)
    }

    /// A page from its hits (limit + 1 read) and its total.
    func page(_ found: [SearchHit], total: (Int, Bool)) -> SearchPage {
        var hits = found
        let more = hits.count > query.limit
        if more { hits.removeLast(hits.count - query.limit) }
        let cursor = more ? hits.last.map { SearchCursor(tier: $0.tier, key: $0.key) } : nil
        let counted = query.cursor == nil && !more ? (hits.count, false) : total
        return SearchPage(hits: hits, total: counted.0, totalIsEstimate: counted.1, nextCursor: cursor)
    }

    /// The document frequencies of `terms` (2–6 characters; counts plus the deltas not yet folded in).
    func frequencies(_ terms: [String]) async throws -> [String: Int] {
        var s = SQLStatement.preparable()
        s.append("""
            SELECT t.term, coalesce(c.documents, p.documents, 0) + coalesce((SELECT sum(delta) FROM search_term_deltas d WHERE d.term = t.term), 0) AS n
            FROM unnest(\(s.bind(terms))::text[]) AS t(term) LEFT JOIN search_term_counts c ON c.term = t.term
                LEFT JOIN search_phrase_counts p ON p.term = t.term
            """)
        var result: [String: Int] = [:]
        for row in try await PreparedShapes.rows(s, on: connection, logger: logger) { result[try row.text("term")] = try row.int("n") }
        return result
    }

    /// The access paths of a query of 3+ characters. `matches`: documents containing it (exact up to 6 characters,
    /// else an upper bound); `startingWith`: documents with a name starting with it (exact up to 4 characters, else
    /// those starting with its first 4); `startingWithFirstTwo`: the length of the posting list tier 3 would walk. A
    /// walk expects to read `postings × page / hits` entries and never more than the whole list; collecting through
    /// pg_trgm costs `matches`. The cheaper one wins; a tier with no possible hit is left out.
    static func access(_ q: String, frequencies: [String: Int], matches: Int, startingWith: Int, startingWithFirstTwo: Int, page: Int) -> Access {
        func walkCost(_ postings: Int, hits: Int) -> Double { min(Double(postings), Double(postings) * Double(page) / Double(max(hits, 1))) }
        let scalars = Array(q.unicodeScalars)
        let bigrams = (0..<(scalars.count - 1)).map { String(String.UnicodeScalarView(scalars[$0...($0 + 1)])) }
        var access = Access()
        access.noPrefixMatches = startingWith == 0
        let rarest = bigrams.min(by: { (frequencies[$0] ?? 0) < (frequencies[$1] ?? 0) })
        let prefixToken = SearchText.prefixToken(String(String.UnicodeScalarView(scalars.prefix(2))))
        var prefixLists = [(list: prefixToken, postings: startingWithFirstTwo)]
        if let rarest { prefixLists.append((rarest, frequencies[rarest] ?? 0)) }
        if let shortest = prefixLists.min(by: { $0.postings < $1.postings }),
           walkCost(shortest.postings, hits: startingWith) < Double(matches) {
            access.walkPrefix = shortest.list
        }
        let elsewhere = max(matches - startingWith, 1)
        if let rarest, walkCost(frequencies[rarest] ?? 0, hits: elsewhere) < Double(matches) {
            access.walkBigram = rarest
        }
        return access
    }

    func namePage(_ q: String) async throws -> SearchPage {
        let length = q.unicodeScalars.count
        let filtered = hasFilters
        // Frequencies first (one indexed lookup): they give most totals, pick the access path, and answer a query no
        // document contains at once.
        let scalars = Array(q.unicodeScalars)
        let parts = length <= SearchText.countedTermLength ? [q]
            : (0...(length - SearchText.countedTermLength)).map { String(String.UnicodeScalarView(scalars[$0..<($0 + SearchText.countedTermLength)])) }
        let bigrams = length > 2 ? (0..<(length - 1)).map { String(String.UnicodeScalarView(scalars[$0...($0 + 1)])) } : []
        let phrase = (5...6).contains(length) ? [q] : []
        let prefix = length > 2 ? [DossierRows.startCountTerm(String(String.UnicodeScalarView(scalars.prefix(2)))),
                                   DossierRows.startCountTerm(String(String.UnicodeScalarView(scalars.prefix(4))))] : []
        let known = try await frequencies(Array(Set(parts + bigrams + phrase + prefix)))
        // SQLite's frequency: exact up to 4 characters, else its rarest 4-character part's (an upper bound).
        let frequency = parts.map { known[$0] ?? 0 }.min() ?? 0
        let exact: Int? = length <= SearchText.countedTermLength ? frequency : (phrase.isEmpty ? nil : known[q] ?? 0)
        let matches = exact ?? frequency
        if matches == 0 { return SearchPage(hits: [], total: 0, totalIsEstimate: false, nextCursor: nil) }
        let access = length > 2
            ? Self.access(q, frequencies: known, matches: matches, startingWith: known[prefix[1]] ?? 0,
                          startingWithFirstTwo: known[prefix[0]] ?? 0, page: query.limit + 1)
            : Access()
        // The same totals as SQLite: unfiltered, up to 4 characters exact; past 10,000 the frequency as an estimate;
        // otherwise counted (here, up to 6 characters, looked up); filtered, counted up to 10,001, then estimated.
        var total: (Int, Bool)? = nil
        if !filtered {
            if length <= SearchText.countedTermLength { total = (frequency, false) }
            else if frequency > SearchPage.exactTotalLimit { total = (frequency, true) }
            else if let exact { total = (exact, false) }
        }
        let known_ = total
        let (hits, totals) = try await run(nameTiers(q, access: access)) { s in
            known_ == nil ? "SELECT (\(countSQL(q, &s))) AS counted" : "SELECT NULL::bigint AS counted"
        }
        if total == nil {
            let counted = try totals?.int("counted") ?? 0
            total = counted > SearchPage.exactTotalLimit ? try await estimate(q, frequency: frequency) : (counted, false)
        }
        return page(hits, total: total ?? (0, false))
    }

    func pinyinPage(_ q: String) async throws -> SearchPage {
        let tiers = pinyinTiers(q)
        let (hits, totals) = try await run(tiers) { s in
            let counts = tiers.map { tier in
                "(SELECT count(*) FROM (SELECT 1 FROM \(tier.fromClause(&s)) WHERE " + (tier.conditions(&s) + filters(&s)).joined(separator: " AND ")
                    + " LIMIT \(SearchPage.exactTotalLimit + 1)) c)"
            }
            return "SELECT " + counts.joined(separator: " + ") + " AS counted"
        }
        let counted = try totals?.int("counted") ?? 0
        return page(hits, total: (counted, counted > SearchPage.exactTotalLimit))
    }

    /// Every entity whose document contains `q`, joined as `e`: from the bigram side table for 2 characters, through
    /// pg_trgm for more.
    func matches(_ q: String, _ s: inout SQLStatement) -> (from: String, condition: String) {
        q.unicodeScalars.count == 2
            ? ("search_grams g JOIN entities e ON e.search_key = g.search_key", "g.gram = \(s.bind(q))")
            : ("search_documents d JOIN entities e ON e.search_key = d.search_key", "d.document LIKE \(s.bind("%" + q + "%"))")
    }

    /// Matches of `q` with the filters, counted up to 10,001.
    func countSQL(_ q: String, _ s: inout SQLStatement) -> String {
        let source = matches(q, &s)
        return "SELECT count(*) FROM (SELECT 1 FROM \(source.from) WHERE " + ([source.condition] + filters(&s)).joined(separator: " AND ")
            + " LIMIT \(SearchPage.exactTotalLimit + 1)) c"
    }

    /// Past 10,000 filtered matches: the frequency scaled by the share of a sample that passes the filters.
    func estimate(_ q: String, frequency: Int) async throws -> (Int, Bool) {
        let limit = SearchPage.exactTotalLimit + 1
        var sample = SQLStatement()
        let source = matches(q, &sample)
        let kept = filters(&sample).joined(separator: " AND ")
        sample.append("SELECT count(*) AS n, coalesce(sum(CASE WHEN \(kept.isEmpty ? "true" : kept) THEN 1 ELSE 0 END), 0) AS kept FROM (SELECT e.* FROM \(source.from) WHERE \(source.condition) LIMIT 2000) e")
        let row = try await connection.firstRow(sample, logger: logger)
        let n = try row?.int("n") ?? 0
        let keptCount = try row?.int("kept") ?? 0
        let share = n > 0 ? Double(keptCount) / Double(n) : 1
        return (max(limit, Int((Double(frequency) * share).rounded())), true)
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
}
