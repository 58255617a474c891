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
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) { entityRows[row[0]] = row }
        }
        let han = HanTables.standard
        for key in query.zihaoKeys where han.pinyinKey(key) != query.pinyin {  // same pinyin: found below
            try collect("SELECT \(entityColumns) FROM entities e WHERE e.authority = ? AND e.zihao_pinyin = ? AND e.zihao_key = ?",
                        [authority, han.pinyinKey(key), key])
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
    /// proposed one (equal, contained, containing, same pinyin) or whose name is the same: one range of a
    /// covering index, filtered here; only the related few are joined to their entity.
    static func formerNames(_ db: Database, _ query: NameCandidateQuery) throws -> [NameCandidate] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT entity_id, name, name_key, zihao, valid_to FROM name_history
            WHERE authority = ? AND valid_to >= ?
            """, arguments: [query.authority.description, query.endedSince.description])
        let han = HanTables.standard
        let keys = Set(query.zihaoKeys)
        var candidates: [NameCandidate] = []
        while let row = try rows.next() {
            let zihao = SearchText.normalize(row[3] as String)
            guard row[2] as String == query.nameKey || keys.contains(zihao) || zihao.contains(query.contained)
                    || han.pinyinKey(zihao) == query.pinyin else { continue }
            guard let entity = try Row.fetchOne(db, sql: "SELECT code, industry_code FROM entities WHERE id = ?", arguments: [row[0] as Int64]),
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
