import GRDB
import RegistryCore
import RegistryStore

/// Finds the existing names a proposed name is compared with, by index lookups only (`NameCandidateQuery`).
enum NameCandidateReader {
    static let entityColumns = "e.id, e.code, e.name, e.zihao, e.name_industry, e.industry_code, e.status, e.status_changed_on"
    static let endedStatuses: Set<String> = [EntityStatus.deregistered.display, EntityStatus.cancelled.display, EntityStatus.movedOut.display]

    static func candidates(_ db: Database, _ query: NameCandidateQuery) throws -> [NameCandidate] {
        let authority = query.authority.description
        var seen = Set<Int64>()
        var candidates: [NameCandidate] = []
        // Rows are decoded straight from the cursor (no copied `Row` per result: popular 字号 have hundreds).
        func collect(_ sql: String, _ arguments: StatementArguments) throws {
            let rows = try Row.fetchCursor(try db.cachedStatement(sql: sql), arguments: arguments)
            while let row = try rows.next() {
                if seen.insert(row[0]).inserted, let candidate = try entityCandidate(row) { candidates.append(candidate) }
            }
        }
        let han = HanTables.standard
        // Rows with another 字号 matter only for the same-industry W- rules: narrowed to a superset of it.
        let (industrySQL, industryArguments) = sameIndustrySQL(query.sameIndustry)
        // Every other key in one statement: a JSON array of [pinyin, key] pairs, each an index lookup (the pairs are
        // the outer loop; the same rows, in the same order, as one statement per key).
        let otherKeys = query.zihaoKeys.compactMap { key -> [String]? in
            let pinyin = han.pinyinKey(key)
            return pinyin == query.pinyin ? nil : [pinyin, key]  // same pinyin: found below
        }
        if !otherKeys.isEmpty {
            try collect("""
                SELECT \(entityColumns) FROM json_each(?) k CROSS JOIN entities e
                WHERE e.authority = ? AND e.zihao_pinyin = json_extract(k.value, '$[0]') AND e.zihao_key = json_extract(k.value, '$[1]')
                  AND \(industrySQL)
                """, [JSONArrays.of(otherKeys), authority] + industryArguments)
        }
        if !query.pinyin.isEmpty {
            try collect("""
                SELECT \(entityColumns) FROM entities e WHERE e.authority = ? AND e.zihao_pinyin = ? AND (e.zihao_key = ? OR \(industrySQL))
                """, [authority, query.pinyin, query.contained] + industryArguments)
        }
        try collect("""
            SELECT \(entityColumns) FROM zihao_grams g JOIN entities e ON e.id = g.entity_id
            WHERE g.authority = ? AND g.gram = ? AND \(industrySQL)
            """, [authority, query.contained] + industryArguments)
        try collect("""
            SELECT \(entityColumns) FROM name_history h JOIN entities e ON e.id = h.entity_id
            WHERE h.name_key = ? AND h.valid_to IS NULL AND e.authority = ?
            """, [query.nameKey, authority])
        candidates += try formerNames(db, query)
        candidates += try NameReservationRecord.active(db, query)
        return candidates
    }

    /// The condition (on `e`) of a `SameIndustryFilter`, with its arguments; `1` without a filter.
    static func sameIndustrySQL(_ filter: NameCandidateQuery.SameIndustryFilter?) -> (String, StatementArguments) {
        guard let filter else { return ("1", []) }
        var clauses = ["e.name_industry = ''"]
        var arguments: StatementArguments = []
        if let prefix = filter.codePrefix {
            clauses.append("substr(e.industry_code, 1, ?) = ?")
            arguments += [prefix.count, prefix]
        } else if let section = filter.section {
            clauses.append("e.industry_section = ?")
            arguments += [section]
        }
        for term in filter.terms {
            clauses.append("instr(e.name_industry, ?) = 1")
            arguments += [term]
        }
        return ("(" + clauses.joined(separator: " OR ") + ")", arguments)
    }

    /// A candidate from a row of `entityColumns` (read by position: this runs for every related entity).
    static func entityCandidate(_ row: Row) throws -> NameCandidate? {
        guard let industry = IndustryCode(row[5] as String), let code = try? CreditCode(validating: row[1] as String) else {
            return nil
        }
        let status: String = row[6]
        let ended = endedStatuses.contains(status) ? (row[7] as String?).flatMap { CalendarDate(iso: $0) } : nil
        return NameCandidate(source: .entity, name: row[2], zihao: row[3], industryPhrase: row[4],
                             industry: industry, code: code, status: status, endedOn: ended)
    }

    /// Former names in the authority that ended on or after `endedSince` and whose 字号 relates to the
    /// proposed one (equal, contained, containing, same pinyin) or whose name is the same: the few rows under
    /// the query's `former_name_keys` (in the order of the covering index a scan would read), filtered here; only
    /// the related few are joined to their entity. A 字号 of fewer than two characters reads the authority's whole
    /// range of that index instead.
    /// `byKeys: false` reads the whole range (the equivalence tests compare both ways).
    static func formerNames(_ db: Database, _ query: NameCandidateQuery, byKeys: Bool = true) throws -> [NameCandidate] {
        // Homophones have as many characters as the proposed 字号: only those rows need their pinyin here.
        let related = "(length(h.zihao) = ? OR instr(h.zihao, ?) > 0 OR instr(?, h.zihao) > 0 OR h.name_key = ?)"
        let relatedArguments: StatementArguments = [query.contained.count, query.contained, query.contained, query.nameKey]
        let rows = try (byKeys ? FormerNameKeys.lookups(query) : nil).map { keys in
            try Row.fetchCursor(try db.cachedStatement(sql: """
                SELECT DISTINCT h.entity_id, h.name, h.name_key, h.zihao, h.valid_to, h.valid_from
                FROM former_name_keys k JOIN name_history h ON h.entity_id = k.entity_id AND h.valid_from = k.valid_from AND h.name = k.name
                WHERE k.authority = ? AND k.key IN (SELECT value FROM json_each(?)) AND k.valid_to >= ? AND \(related)
                ORDER BY h.valid_to, h.zihao, h.name_key, h.entity_id, h.valid_from, h.name
                """), arguments: [query.authority.description, JSONArrays.of(keys), query.endedSince.description] + relatedArguments)
        } ?? Row.fetchCursor(try db.cachedStatement(sql: """
            SELECT h.entity_id, h.name, h.name_key, h.zihao, h.valid_to FROM name_history h
            WHERE h.authority = ? AND h.valid_to >= ? AND \(related)
            """), arguments: [query.authority.description, query.endedSince.description] + relatedArguments)
        let han = HanTables.standard
        let keys = Set(query.zihaoKeys)
        var candidates: [NameCandidate] = []
        while let row = try rows.next() {
            let zihao = SearchText.normalize(row[3] as String)
            guard row[2] as String == query.nameKey || keys.contains(zihao) || zihao.contains(query.contained)
                    || han.pinyinKey(zihao) == query.pinyin else { continue }
            guard let entity = try Row.fetchOne(try db.cachedStatement(sql: "SELECT code, industry_code FROM entities WHERE id = ?"), arguments: [row[0] as Int64]),
                  let industry = IndustryCode(entity[1] as String), let code = try? CreditCode(validating: entity[0] as String),
                  let validTo = CalendarDate(iso: row[4] as String) else { continue }
            let name: String = row[1]
            candidates.append(NameCandidate(source: .formerName, name: name, zihao: row[3],
                                            industryPhrase: EnterpriseNameParser.standard.parse(name).industry, industry: industry,
                                            code: code, status: "曾用名", endedOn: validTo.adding(days: 1)))
        }
        return candidates
    }
}
