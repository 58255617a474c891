import GRDB
import RegistryCore

extension SQLiteSearch {
    /// Matches of a name query: counted exactly up to 10,000; above that estimated from the index's
    /// document frequency, scaled by the share of a sample that passes the filters.
    func nameTotal(_ q: String) throws -> (Int, Bool) {
        let twoCharacters = q.unicodeScalars.count == 2
        let source = twoCharacters
            ? (from: "search_bigrams b JOIN entities e ON e.search_key = b.rowid", condition: "search_bigrams MATCH ?", argument: Self.phrase(q))
            : (from: "search_trigrams t JOIN entities e ON e.search_key = t.rowid", condition: "search_trigrams MATCH ?", argument: Self.phrase(q))
        let filter = self.filter
        let where_ = ([source.condition] + filter.conditions).joined(separator: " AND ")
        let limit = SearchPage.exactTotalLimit + 1
        let counted = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(source.from) WHERE \(where_) LIMIT \(limit))",
                                       arguments: StatementArguments([source.argument] + filter.arguments)) ?? 0
        guard counted > SearchPage.exactTotalLimit else { return (counted, false) }
        let frequency = try twoCharacters ? bigramFrequency(q) : trigramFrequency(q)
        var share = 1.0
        if !filter.conditions.isEmpty {
            let sample = try Row.fetchOne(db, sql: """
                SELECT count(*) AS n, total(CASE WHEN \(filter.conditions.joined(separator: " AND ")) THEN 1 ELSE 0 END) AS kept
                FROM (SELECT e.* FROM \(source.from) WHERE \(source.condition) LIMIT 2000) e
                """, arguments: StatementArguments([source.argument] + filter.arguments))
            let n: Int = sample?["n"] ?? 0
            let kept: Double = sample?["kept"] ?? 0
            share = n > 0 ? kept / Double(n) : 1
        }
        return (max(limit, Int((Double(frequency) * share).rounded())), true)
    }

    /// Documents holding the bigram.
    func bigramFrequency(_ q: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT doc FROM search_bigram_terms WHERE term = ?", arguments: [q]) ?? 0
    }

    /// An upper bound of documents holding every trigram of `q`: the rarest trigram's frequency.
    func trigramFrequency(_ q: String) throws -> Int {
        let scalars = Array(q.unicodeScalars)
        var lowest = Int.max
        for start in 0...(scalars.count - 3) {
            var trigram = String.UnicodeScalarView()
            trigram.append(contentsOf: scalars[start..<(start + 3)])
            let documents = try Int.fetchOne(db, sql: "SELECT doc FROM search_trigram_terms WHERE term = ?", arguments: [String(trigram)]) ?? 0
            lowest = min(lowest, documents)
        }
        return lowest == .max ? 0 : lowest
    }

    /// Total of tiers that are small index range scans (pinyin): counted up to the limit, else estimated
    /// as "more than the limit".
    func simpleTotal(_ tiers: [Tier]) throws -> (Int, Bool) {
        let filter = self.filter
        var total = 0
        for tier in tiers {
            let where_ = (tier.conditions + filter.conditions).joined(separator: " AND ")
            total += try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(tier.from) WHERE \(where_) LIMIT \(SearchPage.exactTotalLimit + 1))",
                                      arguments: StatementArguments(tier.arguments + filter.arguments)) ?? 0
        }
        return total > SearchPage.exactTotalLimit ? (total, true) : (total, false)
    }
}
