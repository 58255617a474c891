import GRDB
import RegistryCore

extension SQLiteSearch {
    /// Matches of a name query: exact up to 10,000; beyond that an estimate, flagged.
    ///
    /// The index keeps the document frequency of every 2- to 4-character term, so without filters
    /// a query of up to 4 characters has its total in one lookup, exact at any size, and so has a 5- or
    /// 6-character query the index keeps a phrase count for (common phrases). A query of 5 or more characters
    /// with a rare trigram (`rarestTrigram`) is counted among that trigram's few documents. Any other longer
    /// query is counted on the index when its rarest 4-character part occurs at most 10,000 times (so the count
    /// is cheap); if every part is more common than that, the rarest part's frequency is the estimate. With
    /// filters candidates are joined to their entities and counted up to 10,001; beyond that the
    /// frequency is scaled by the share of a sample that passes the filters.
    /// The counts come from `statistics` (`NameStatistics`); `rare` is `rarestTrigram(q, statistics)`.
    func nameTotal(_ q: String, _ statistics: NameStatistics, rare: String?) throws -> (Int, Bool) {
        let length = q.unicodeScalars.count
        let filter = self.filter
        // A query with a rare trigram is no common phrase: the phrase count is looked up only without one.
        if filter.conditions.isEmpty && rare == nil && SearchText.phraseLengths.contains(length),
           let documents = try Int.fetchOne(try db.cachedStatement(sql: "SELECT documents FROM search_phrase_counts WHERE term = ?"),
                                            arguments: [q]) {
            return (documents, false)
        }
        if let rare {
            // At most `rareTrigramLimit` documents hold the rarest trigram: count those holding the whole query.
            let entities = filter.conditions.isEmpty ? "" : " JOIN entities e ON e.search_key = t.rowid"
            let where_ = (["search_trigrams MATCH ?", "instr(d.document, ?) > 0"] + filter.conditions).joined(separator: " AND ")
            let counted = try Int.fetchOne(try db.cachedStatement(sql: """
                SELECT count(*) FROM search_trigrams t JOIN search_documents d ON d.search_key = t.rowid\(entities) WHERE \(where_)
                """), arguments: StatementArguments([Self.phrase(rare), q] + filter.arguments)) ?? 0
            return (counted, false)
        }
        let frequency = termFrequency(q, statistics)
        if filter.conditions.isEmpty && length <= SearchText.countedTermLength { return (frequency, false) }
        if filter.conditions.isEmpty && frequency > SearchPage.exactTotalLimit { return (frequency, true) }
        let source = length == 2
            ? (from: "search_bigrams b JOIN entities e ON e.search_key = b.rowid", table: "search_bigrams", condition: "search_bigrams MATCH ?")
            : (from: "search_trigrams t JOIN entities e ON e.search_key = t.rowid", table: "search_trigrams", condition: "search_trigrams MATCH ?")
        let limit = SearchPage.exactTotalLimit + 1
        let from = filter.conditions.isEmpty ? source.table : source.from
        let where_ = ([source.condition] + filter.conditions).joined(separator: " AND ")
        let counted = try Int.fetchOne(try db.cachedStatement(sql: "SELECT count(*) FROM (SELECT 1 FROM \(from) WHERE \(where_) LIMIT \(limit))"),
                                       arguments: StatementArguments([Self.phrase(q)] + filter.arguments)) ?? 0
        guard counted > SearchPage.exactTotalLimit else { return (counted, false) }
        let sample = try Row.fetchOne(try db.cachedStatement(sql: """
            SELECT count(*) AS n, total(CASE WHEN \(filter.conditions.joined(separator: " AND ")) THEN 1 ELSE 0 END) AS kept
            FROM (SELECT e.* FROM \(source.from) WHERE \(source.condition) LIMIT 2000) e
            """), arguments: StatementArguments([Self.phrase(q)] + filter.arguments))
        let n: Int = sample?["n"] ?? 0
        let kept: Double = sample?["kept"] ?? 0
        let share = n > 0 ? kept / Double(n) : 1
        return (max(limit, Int((Double(frequency) * share).rounded())), true)
    }

    /// Documents holding `q` for a query of up to 4 characters (exact); for longer queries the
    /// frequency of its rarest 4-character part (an upper bound).
    func termFrequency(_ q: String, _ statistics: NameStatistics) -> Int {
        let length = SearchText.countedTermLength
        let parts = q.unicodeScalars.count > length ? Self.parts(of: q, length: length) : [q]
        return parts.map { statistics.counts[$0] ?? 0 }.min() ?? 0
    }

    /// Total of tiers that are small index range scans (pinyin): counted up to the limit, else estimated
    /// as "more than the limit".
    func simpleTotal(_ tiers: [Tier]) throws -> (Int, Bool) {
        let filter = self.filter
        var total = 0
        for tier in tiers {
            let where_ = (tier.conditions + filter.conditions).joined(separator: " AND ")
            total += try Int.fetchOne(try db.cachedStatement(sql: "SELECT count(*) FROM (SELECT 1 FROM \(tier.from) WHERE \(where_) LIMIT \(SearchPage.exactTotalLimit + 1))"),
                                      arguments: StatementArguments(tier.arguments + filter.arguments)) ?? 0
        }
        return total > SearchPage.exactTotalLimit ? (total, true) : (total, false)
    }
}
