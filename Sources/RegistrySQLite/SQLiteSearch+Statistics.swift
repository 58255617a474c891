import GRDB
import RegistryCore

/// What a name query's plan depends on, read in one statement before any tier: each lookup was a statement of its
/// own, and a statement's fixed cost is about that of a short tier.
struct NameStatistics {
    /// Stored document frequencies (`search_term_counts`) of the query itself up to 4 characters, and of its
    /// trigrams (`rarestTrigram`) and 4-character parts (`termFrequency`) beyond. A term in no document is absent.
    let counts: [String: Int]
    /// The stored count of a 5- or 6-character query among the common phrases (`search_phrase_counts`); nil when
    /// the phrase is not one of them.
    let phraseDocuments: Int?
    /// Whether some name (current or former) is the query, and some entity's 字号: when not, the exact tiers are
    /// empty, as they are for almost every query of 4 or more characters. Nil when the page resumes past tier 2.
    let anyExactName: Bool?
    let anyExactZihao: Bool?
    /// Names (current or former, of any entity) starting with the query, counted up to
    /// `SQLiteSearch.prefixRangeLimit + 1`; nil when the page resumes past the prefix tier and does not need it.
    let namesStarting: Int?
}

extension SQLiteSearch {
    /// The terms whose stored counts a query of `q`'s length uses.
    static func countedTerms(of q: String) -> [String] {
        q.unicodeScalars.count <= SearchText.countedTermLength
            ? [q]
            : parts(of: q, length: 3) + parts(of: q, length: SearchText.countedTermLength)
    }

    /// One `UNION ALL` of the lookups, told apart by its first column.
    func statistics(_ q: String) throws -> NameStatistics {
        let terms = Self.countedTerms(of: q)
        let phrase = SearchText.phraseLengths.contains(q.unicodeScalars.count)
        let exact = (query.cursor?.tier ?? 1) <= 2
        let prefix = (query.cursor?.tier ?? 1) <= 3
        var sql = "SELECT 0, term, documents FROM search_term_counts WHERE term IN ("
            + Array(repeating: "?", count: terms.count).joined(separator: ", ") + ")"
        var arguments = terms
        if phrase {
            sql += " UNION ALL SELECT 1, term, documents FROM search_phrase_counts WHERE term = ?"
            arguments.append(q)
        }
        if exact {
            sql += " UNION ALL SELECT 3, NULL, EXISTS (SELECT 1 FROM name_history WHERE name_key = ?)"
                + " UNION ALL SELECT 4, NULL, EXISTS (SELECT 1 FROM entities WHERE zihao_key = ?)"
            arguments += [q, q]
        }
        if prefix {
            sql += " UNION ALL SELECT 2, NULL, count(*) FROM (SELECT 1 FROM name_history WHERE name_key >= ? AND name_key < ?"
                + " LIMIT \(Self.prefixRangeLimit + 1))"
            arguments += [q, Self.prefixRangeEnd(q)]
        }
        var counts: [String: Int] = [:]
        var phraseDocuments: Int?
        var namesStarting: Int?
        var anyExactName: Bool?
        var anyExactZihao: Bool?
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
        while let row = try rows.next() {
            switch row[0] as Int {
            case 0: counts[row[1]] = row[2]
            case 1: phraseDocuments = row[2]
            case 2: namesStarting = row[2]
            case 3: anyExactName = row[2]
            default: anyExactZihao = row[2]
            }
        }
        return NameStatistics(counts: counts, phraseDocuments: phraseDocuments, anyExactName: anyExactName,
                              anyExactZihao: anyExactZihao, namesStarting: namesStarting)
    }

    /// The least string above every string that starts with `q` (in SQLite's binary order of UTF-8).
    static func prefixRangeEnd(_ q: String) -> String { q + "\u{10FFFF}" }

    /// The `length`-character parts of `q`, in order (repeats kept).
    static func parts(of q: String, length: Int) -> [String] {
        let scalars = Array(q.unicodeScalars)
        guard scalars.count >= length else { return [] }
        return (0...(scalars.count - length)).map { start in
            var part = String.UnicodeScalarView()
            part.append(contentsOf: scalars[start..<(start + length)])
            return String(part)
        }
    }
}
