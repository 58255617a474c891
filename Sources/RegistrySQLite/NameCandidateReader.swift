import GRDB
import RegistryCore
import RegistryStore

/// Finds the existing names a proposed name is compared with, by index lookups only (`NameCandidateQuery`).
enum NameCandidateReader {
    static let entityColumns = "e.id, e.code, e.name, e.zihao, e.name_industry, e.industry_code, e.status, e.status_changed_on"
    static let endedStatuses: Set<String> = [EntityStatus.deregistered.display, EntityStatus.cancelled.display, EntityStatus.movedOut.display]

    static func candidates(_ db: Database, _ query: NameCandidateQuery) throws -> [NameCandidate] {
        let authority = query.authority.description
        var entityRows: [Int64: Row] = [:]
        func collect(_ sql: String, _ arguments: StatementArguments) throws {
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) { entityRows[row["id"]] = row }
        }
        for key in query.zihaoKeys {
            try collect("SELECT \(entityColumns) FROM entities e WHERE e.authority = ? AND e.zihao_key = ?", [authority, key])
        }
        if !query.pinyin.isEmpty {
            try collect("SELECT \(entityColumns) FROM entities e WHERE e.authority = ? AND e.zihao_pinyin = ?", [authority, query.pinyin])
        }
        try collect("""
            SELECT \(entityColumns) FROM zihao_grams g JOIN entities e ON e.id = g.entity_id
            WHERE g.authority = ? AND g.gram = ?
            """, [authority, query.contained])
        try collect("""
            SELECT \(entityColumns) FROM name_history h JOIN entities e ON e.id = h.entity_id
            WHERE h.name_key = ? AND h.valid_to IS NULL AND e.authority = ?
            """, [query.nameKey, authority])
        var candidates = try entityRows.keys.sorted().compactMap { try entityCandidate(entityRows[$0]!) }
        candidates += try formerNames(db, query)
        candidates += try NameReservationRecord.active(db, query)
        return candidates
    }

    static func entityCandidate(_ row: Row) throws -> NameCandidate? {
        guard let industry = IndustryCode(row["industry_code"] as String), let code = try? CreditCode(validating: row["code"] as String) else {
            return nil
        }
        let status: String = row["status"]
        let ended = endedStatuses.contains(status) ? (row["status_changed_on"] as String?).flatMap { CalendarDate(iso: $0) } : nil
        return NameCandidate(source: .entity, name: row["name"], zihao: row["zihao"], industryPhrase: row["name_industry"],
                             industry: industry, code: code, status: status, endedOn: ended)
    }

    /// Former names in the authority that ended on or after `endedSince` and whose 字号 relates to the
    /// proposed one (equal, contained, containing, same pinyin) or whose name is the same. `CROSS JOIN`
    /// keeps the recent-names index as the outer loop (the planner otherwise walks the whole authority).
    static func formerNames(_ db: Database, _ query: NameCandidateQuery) throws -> [NameCandidate] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT h.name, h.name_key, h.zihao, h.valid_to, e.code, e.industry_code, e.status
            FROM name_history h CROSS JOIN entities e ON e.id = h.entity_id
            WHERE h.valid_to >= ? AND e.authority = ?
            """, arguments: [query.endedSince.description, query.authority.description])
        let han = HanTables.standard
        return rows.compactMap { row in
            let zihao = SearchText.normalize(row["zihao"] as String)
            let related = row["name_key"] as String == query.nameKey || query.zihaoKeys.contains(zihao)
                || zihao.contains(query.contained) || han.pinyinKey(zihao) == query.pinyin
            guard related, let industry = IndustryCode(row["industry_code"] as String),
                  let code = try? CreditCode(validating: row["code"] as String),
                  let validTo = CalendarDate(iso: row["valid_to"] as String) else { return nil }
            let name: String = row["name"]
            return NameCandidate(source: .formerName, name: name, zihao: row["zihao"],
                                 industryPhrase: EnterpriseNameParser.standard.parse(name).industry, industry: industry, code: code,
                                 status: "曾用名", endedOn: validTo.adding(days: 1))
        }
    }
}
