import GRDB
import RegistryCore

/// What a name query's plan depends on, read in one statement before any tier: each lookup was a statement of its
/// own, and a statement's fixed cost is about that of a short tier.
struct NameStatistics {
    /// Stored document frequencies (`search_term_counts`) of the query itself up to 4 characters, and of its
    /// trigrams (`rarestTrigram`) and 4-character parts (`termFrequency`) beyond. A term in no document is absent.
    let counts: [String: Int]
    /// Names (current or former, of any entity) starting with the query, counted up to
    /// `SQLiteSearch.prefixRangeLimit + 1`.
    let namesStarting: Int
    /// Whether some name (current or former) is the query, and some entity's 字号: when not, the exact tiers are
    /// empty, as they are for almost every query of 4 or more characters.
    let anyExactName: Bool
    let anyExactZihao: Bool
}

extension SQLiteSearch {
    /// The terms whose stored counts a query of `q`'s length uses.
    static func countedTerms(of q: String) -> [String] {
        q.unicodeScalars.count <= SearchText.countedTermLength
            ? [q]
            : parts(of: q, length: 3) + parts(of: q, length: SearchText.countedTermLength)
    }

    /// One `UNION ALL` of the lookups, told apart by its first column. An exact name is the least key of the range
    /// of names starting with the query, so the range's first rows tell whether there is one.
    func statistics(_ q: String) throws -> NameStatistics {
        let terms = Self.countedTerms(of: q)
        let placeholders = Array(repeating: "?", count: terms.count).joined(separator: ", ")
        let sql = """
            SELECT 0, term, documents, NULL FROM search_term_counts WHERE term IN (\(placeholders))
            UNION ALL SELECT 1, NULL, count(*), max(name_key = ?) FROM (SELECT name_key FROM name_history
                WHERE name_key >= ? AND name_key < ? ORDER BY name_key LIMIT \(Self.prefixRangeLimit + 1))
            UNION ALL SELECT 2, NULL, EXISTS (SELECT 1 FROM entities WHERE zihao_key = ?), NULL
            """
        let arguments = terms + [q, q, Self.prefixRangeEnd(q), q]
        var counts: [String: Int] = [:]
        var namesStarting = 0
        var anyExactName = false
        var anyExactZihao = false
        let rows = try Row.fetchCursor(try db.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
        while let row = try rows.next() {
            switch row[0] as Int {
            case 0: counts[row[1]] = row[2]
            case 1: (namesStarting, anyExactName) = (row[2], (row[3] as Int?) == 1)
            default: anyExactZihao = row[2]
            }
        }
        return NameStatistics(counts: counts, namesStarting: namesStarting, anyExactName: anyExactName, anyExactZihao: anyExactZihao)
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
