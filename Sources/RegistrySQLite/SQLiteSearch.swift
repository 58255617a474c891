import GRDB
import RegistryCore
import RegistryStore

extension SQLiteRegistryStore {
    public func search(_ query: SearchQuery) async throws(StoreError) -> SearchPage {
        // A search takes well under a millisecond: GRDB's synchronous read runs it on the calling
        // thread, where the async variant's hop to the reader queue would cost more than the query.
        do {
            return try searchOnCallingThread(query)
        } catch {
            throw Self.translate(error)
        }
    }

    /// `body` in a read transaction begun and ended by cached statements, so that the page and its total see one
    /// snapshot. (GRDB's `read` prepares its BEGIN and COMMIT anew each time: a twentieth of a search.)
    static func inReadTransaction<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
        do {
            let value = try body()
            try db.cachedStatement(sql: "COMMIT").execute()
            return value
        } catch {
            // Never hand the connection back inside a transaction: its next reader would see this snapshot.
            if db.isInsideTransaction { try? db.rollback() }
            throw error
        }
    }

    /// Synchronous, so that the synchronous `unsafeRead` overload is the one chosen.
    func searchOnCallingThread(_ query: SearchQuery) throws -> SearchPage {
        if let cached = searchCache.page(for: query) { return cached }
        let generation = searchCache.currentGeneration()
        let page = try pool.unsafeRead { db in try Self.inReadTransaction(db) { try SQLiteSearch(db: db, query: query).run() } }
        searchCache.store(page, for: query, generation: generation)
        return page
    }
}

/// One search, run inside a read transaction (so the page and its total see the same snapshot).
///
/// Name queries are ranked in four tiers — exact name, exact 字号, prefix, substring — each read in
/// ascending search-key order (active before closed, newer before older) straight from an index —
/// ascending because FTS5 streams doclists forwards but must buffer a whole doclist to go backwards:
/// exact names from `name_history.name_key`, exact 字号 from `entities.zihao_key`, prefixes and
/// substrings from FTS5 — trigrams for 3+ characters, bigram tokens for 2 (SQLite 3.40's trigram
/// tokenizer finds nothing under 3 characters). Lower tiers exclude higher ones inside the query:
/// `NOT` the prefix phrase in FTS5, the 字号 by column, exact names by an uncorrelated subquery. One statement
/// first reads what the plan depends on (`NameStatistics`): term counts, and whether the exact and prefix tiers
/// hold anything; empty tiers, and exclusions of them, cost no work.
struct SQLiteSearch {
    let db: Database
    let query: SearchQuery

    static let columns = """
        e.id, e.code, e.name, e.status, e.type, e.authority, e.industry_code, e.established_on, e.name_shown_as_code
        """
    static let marker = String(Character(SearchText.marker))

    func run() throws -> SearchPage {
        switch query.kind {
        case .name(let text):
            let statistics = try statistics(text)
            let rare = rarestTrigram(text, statistics)  // for the substring tier and the total
            return try page(tiers: nameTiers(text, statistics, rare: rare), total: { try nameTotal(text, statistics, rare: rare) })
        case .pinyin(let text): return try page(tiers: pinyinTiers(text), total: { try simpleTotal(pinyinTiers(text)) })
        case .code(let text): return try codePage(text)
        }
    }

    // MARK: Tiers

    /// One ranking tier: a statement selecting `columns` and `key`, ordered by key ascending, that
    /// takes `… AND <key> > ?` and filters; `keyColumn` names the key in its FROM clause.
    struct Tier {
        let number: Int
        let from: String
        let keyColumn: String
        let conditions: [String]
        let arguments: [(any DatabaseValueConvertible)?]
        /// Arguments that drop the exclusion of the tier before (an FTS5 `NOT`, ~1 ms when the excluded
        /// phrase has several trigrams) for when that tier's keys are all known: they are excluded
        /// by value instead.
        var whenPreviousKnown: [(any DatabaseValueConvertible)?]? = nil
        /// Known to hold nothing (from `NameStatistics`): no statement runs.
        var isEmpty = false
    }

    /// Names starting with a query that at most this many names start with are read through the `name_key`
    /// index (one short range) rather than by an FTS5 phrase scan.
    static let prefixRangeLimit = 64

    /// `rare` is `rarestTrigram(q, statistics)`. Tiers the statistics show empty run no statement: most substrings of
    /// 4 or more characters start no name and are no 字号.
    func nameTiers(_ q: String, _ statistics: NameStatistics, rare: String?) -> [Tier] {
        let m = Self.marker
        let short = q.unicodeScalars.count == 2
        let index = short ? "search_bigrams b JOIN entities e ON e.search_key = b.rowid"
                          : "search_trigrams t JOIN entities e ON e.search_key = t.rowid"
        let keyColumn = short ? "b.rowid" : "t.rowid"
        let match = short ? "search_bigrams MATCH ?" : "search_trigrams MATCH ?"
        let prefix = Self.phrase(short ? SearchText.prefixToken(q) : m + q)
        // Each tier excludes the tiers above it, unless the statistics show those empty (the `NOT IN`, evaluated
        // once per statement, was a tenth of a rare-trigram tier's time).
        let notExact = statistics.anyExactName ? ["e.id NOT IN (SELECT entity_id FROM name_history WHERE name_key = ?)"] : []
        let notZihao = statistics.anyExactZihao ? ["e.zihao_key <> ?"] : []
        let notAbove = notZihao + notExact
        let excluded = notAbove.map { _ in q as (any DatabaseValueConvertible)? }
        let notPrefix = statistics.namesStarting == 0 ? [] : ["instr(d.document, ?) = 0"]
        return [
            // `+e.search_key`: drive this tier from the name_key index, not by walking the key index.
            Tier(number: 1, from: "entities e", keyColumn: "+e.search_key",
                 conditions: ["e.id IN (SELECT entity_id FROM name_history WHERE name_key = ?)"], arguments: [q],
                 isEmpty: !statistics.anyExactName),
            Tier(number: 2, from: "entities e", keyColumn: "e.search_key", conditions: ["e.zihao_key = ?"] + notExact,
                 arguments: [q] + notExact.map { _ in q }, isEmpty: !statistics.anyExactZihao),
            statistics.namesStarting <= Self.prefixRangeLimit
                // Few names start with `q`: their keys from one range of `name_key` (current and former names),
                // ordered here; an FTS5 phrase would walk every doclist its parts are in.
                ? Tier(number: 3, from: "entities e", keyColumn: "+e.search_key",
                       conditions: ["e.id IN (SELECT entity_id FROM name_history WHERE name_key >= ? AND name_key < ?)"] + notAbove,
                       arguments: [q, Self.prefixRangeEnd(q)] + excluded, isEmpty: statistics.namesStarting == 0)
                : Tier(number: 3, from: index, keyColumn: keyColumn, conditions: [match] + notAbove, arguments: [prefix] + excluded),
            rare.map { rare in
                // A long query with a rare part: that trigram's few documents, checked for the whole query (and
                // against the prefix tier) in their text; an FTS5 phrase would walk every trigram's doclist.
                Tier(number: 4, from: "search_trigrams t JOIN search_documents d ON d.search_key = t.rowid JOIN entities e ON e.search_key = t.rowid",
                     keyColumn: "t.rowid",
                     conditions: [match, "instr(d.document, ?) > 0"] + notPrefix + notAbove,
                     arguments: [Self.phrase(rare), q] + notPrefix.map { _ in m + q } + excluded)
            } ?? Tier(number: 4, from: index, keyColumn: keyColumn, conditions: [match] + notAbove,
                      arguments: [Self.phrase(q) + " NOT " + prefix] + excluded, whenPreviousKnown: [Self.phrase(q)] + excluded),
        ]
    }

    /// Long queries whose rarest trigram is in at most this many documents are matched through that trigram alone
    /// (on the seed, limits of 100 and 300 both beat the phrase for 6 characters, 300 by a little more).
    static let rareTrigramLimit = 300
    /// From this length on, a query's rarest trigram may stand in for its phrase: on the seed 6-character queries
    /// gained 12–17% at p50. 5-character ones came out 4–7% slower while each trigram's count was a statement of
    /// its own; with the counts in one statement (now part of `NameStatistics`) their p50 against raw FTS5 went
    /// from 1.8–2.0x to 1.5–1.9x (means 1.88 and 1.70 over six and nine alternating runs on a busy machine).
    static let rareTrigramLength = 5

    /// The trigram of a query of `rareTrigramLength` or more characters that the fewest documents hold, when they
    /// are at most `rareTrigramLimit` (from the stored term counts); nil otherwise.
    func rarestTrigram(_ q: String, _ statistics: NameStatistics) -> String? {
        guard q.unicodeScalars.count >= Self.rareTrigramLength else { return nil }
        // A trigram in no document (absent from the counts) makes the query match nothing: it is the rarest.
        var rarest: (trigram: String, documents: Int)?
        for trigram in Self.parts(of: q, length: 3) {
            let documents = statistics.counts[trigram] ?? 0
            if documents < (rarest?.documents ?? Int.max) { rarest = (trigram, documents) }
        }
        return rarest.flatMap { $0.documents <= Self.rareTrigramLimit ? $0.trigram : nil }
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

    /// The page; `total` runs only when the page itself does not tell (a first page that ends the
    /// results holds them all).
    func page(tiers: [Tier], total: () throws -> (Int, Bool)) throws -> SearchPage {
        let wanted = query.limit + 1
        var hits: [SearchHit] = []
        var previous: [Int64]?  // every key of the tier just read, when it was read whole
        for tier in tiers where tier.number >= (query.cursor?.tier ?? 1) {
            let after = query.cursor.flatMap { $0.tier == tier.number ? $0.key : nil } ?? -1
            let limit = wanted - hits.count
            let found = try fetch(tier, after: after, limit: limit, excluding: previous)
            hits += found
            previous = after < 0 && found.count < limit ? found.map(\.key) : nil
            if hits.count >= wanted { break }
        }
        let more = hits.count > query.limit
        if more { hits.removeLast(hits.count - query.limit) }
        let cursor = more ? hits.last.map { SearchCursor(tier: $0.tier, key: $0.key) } : nil
        let counted = query.cursor == nil && !more ? (hits.count, false) : try total()
        return SearchPage(hits: hits, total: counted.0, totalIsEstimate: counted.1, nextCursor: cursor)
    }

    func fetch(_ tier: Tier, after key: Int64, limit: Int, excluding previous: [Int64]? = nil) throws -> [SearchHit] {
        if tier.isEmpty { return [] }
        let filter = self.filter
        var tier = tier
        if let previous, let plain = tier.whenPreviousKnown {
            tier = Tier(number: tier.number, from: tier.from, keyColumn: tier.keyColumn,
                        conditions: tier.conditions + (previous.isEmpty ? [] : ["\(tier.keyColumn) NOT IN (\(Array(repeating: "?", count: previous.count).joined(separator: ", ")))"]),
                        arguments: plain + previous.map { $0 })
        }
        // No key bound unless resuming: FTS5 seeks slowly to a rowid bound under a NOT expression
        // (1 ms instead of 0.2 for the same 21 rows), and the first page needs none.
        let bound = key >= 0 ? ["\(tier.keyColumn) > ?"] : []
        let conditions = tier.conditions + bound + filter.conditions
        let sql = "SELECT \(Self.columns), \(tier.keyColumn) AS key FROM \(tier.from) WHERE "
            + conditions.joined(separator: " AND ") + " ORDER BY \(tier.keyColumn) LIMIT ?"
        let arguments = tier.arguments + (key >= 0 ? [key] : []) + filter.arguments + [limit]
        // A cursor hands out one reused row: no per-row copies.
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
        var hits: [SearchHit] = []
        hits.reserveCapacity(limit)
        while let row = try rows.next() { hits.append(try hit(row, tier: tier.number, key: row[9])) }
        return hits
    }

    /// Decodes a row of `columns` (by position: name lookups in GRDB rows are case-insensitive
    /// string comparisons, measurable at this rate).
    func hit(_ row: Row, tier: Int, key: Int64) throws -> SearchHit {
        let code = try DossierReader.code(row[1])
        let shownAsCode: Bool = row[8]
        return SearchHit(
            code: code, name: shownAsCode ? code.rawValue : row[2],
            status: try DossierReader.parse(row[3], EntityStatus.init(parsing:), "status"),
            type: try DossierReader.parse(row[4], EntityType.init(rawValue:), "type"),
            authority: try DossierReader.parse(row[5], { RegionCode($0) }, "authority"),
            industry: try DossierReader.parse(row[6], { IndustryCode($0) }, "industry_code"),
            establishedOn: try DossierReader.date(row[7]), tier: tier, key: key)
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
        var hits = try Row.fetchAll(try db.cachedStatement(sql: sql), arguments: StatementArguments(arguments + [query.limit + 1])).map {
            try hit($0, tier: $0[1] == prefix ? 1 : 3, key: $0[0])
        }
        let more = hits.count > query.limit
        if more { hits.removeLast() }
        let countSQL = "SELECT count(*) FROM (SELECT 1 FROM entities e WHERE e.code >= ? AND e.code < ?"
            + filter.conditions.map { " AND " + $0 }.joined() + " LIMIT \(SearchPage.exactTotalLimit + 1))"
        let counted = try Int.fetchOne(try db.cachedStatement(sql: countSQL), arguments: StatementArguments([prefix, prefix + "~"] + filter.arguments)) ?? 0
        let total = counted > SearchPage.exactTotalLimit
            ? (try Int.fetchOne(try db.cachedStatement(sql: "SELECT count(*) FROM entities WHERE code >= ? AND code < ?"), arguments: [prefix, prefix + "~"]) ?? counted, true)
            : (counted, false)
        return SearchPage(hits: hits, total: total.0, totalIsEstimate: total.1,
                          nextCursor: more ? hits.last.map { SearchCursor(tier: 3, key: $0.key) } : nil)
    }
}
