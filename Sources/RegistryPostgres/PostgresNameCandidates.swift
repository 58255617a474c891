import PostgresNIO
import RegistryCore
import RegistryStore

/// Finds the existing names a proposed name is compared with, by index lookups only (`NameCandidateQuery`),
/// as the SQLite backend does.
enum PostgresNameCandidates {
    static let entityColumns = "e.id, e.code, e.name, e.zihao, e.name_industry, e.industry_code, e.status, e.status_changed_on"
    static let endedStatuses: Set<String> = [EntityStatus.deregistered.display, EntityStatus.cancelled.display, EntityStatus.movedOut.display]

    static func candidates(_ connection: PostgresConnection, _ query: NameCandidateQuery, logger: Logger) async throws -> [NameCandidate] {
        let authority = query.authority.description
        var seen = Set<Int64>()
        var candidates: [NameCandidate] = []
        func collect(_ statement: SQLStatement) async throws {
            for row in try await connection.rows(statement, logger: logger) {
                if seen.insert(try row.int64("id")).inserted, let candidate = try entityCandidate(row) { candidates.append(candidate) }
            }
        }
        let han = HanTables.standard
        for key in query.zihaoKeys where han.pinyinKey(key) != query.pinyin {  // same pinyin: found below
            var s = SQLStatement()
            s.append("SELECT \(entityColumns) FROM entities e WHERE e.authority = \(s.bind(authority)) AND e.zihao_pinyin = \(s.bind(han.pinyinKey(key)))"
                     + " AND e.zihao_key = \(s.bind(key)) AND " + sameIndustrySQL(query.sameIndustry, &s))
            try await collect(s)
        }
        if !query.pinyin.isEmpty {
            var s = SQLStatement()
            s.append("SELECT \(entityColumns) FROM entities e WHERE e.authority = \(s.bind(authority)) AND e.zihao_pinyin = \(s.bind(query.pinyin))"
                     + " AND (e.zihao_key = \(s.bind(query.contained)) OR " + sameIndustrySQL(query.sameIndustry, &s) + ")")
            try await collect(s)
        }
        var grams = SQLStatement()
        grams.append("SELECT \(entityColumns) FROM zihao_grams g JOIN entities e ON e.id = g.entity_id WHERE g.authority = \(grams.bind(authority))"
                     + " AND g.gram = \(grams.bind(query.contained)) AND " + sameIndustrySQL(query.sameIndustry, &grams))
        try await collect(grams)
        var same = SQLStatement()
        same.append("SELECT \(entityColumns) FROM name_history h JOIN entities e ON e.id = h.entity_id WHERE h.name_key = \(same.bind(query.nameKey))"
                    + " AND h.valid_to IS NULL AND e.authority = \(same.bind(authority))")
        try await collect(same)
        candidates += try await formerNames(connection, query, logger: logger)
        candidates += try await PostgresNameReservations.active(connection, query, logger: logger)
        return candidates
    }

    /// The condition (on `e`) of a `SameIndustryFilter`, its values bound into `s`; `true` without a filter.
    static func sameIndustrySQL(_ filter: NameCandidateQuery.SameIndustryFilter?, _ s: inout SQLStatement) -> String {
        guard let filter else { return "true" }
        var clauses = ["e.name_industry = ''"]
        if let prefix = filter.codePrefix {
            clauses.append("left(e.industry_code, \(s.bind(Int64(prefix.count)))::int) = \(s.bind(prefix))")
        } else if let section = filter.section {
            clauses.append("e.industry_section = \(s.bind(section))")
        }
        for term in filter.terms { clauses.append("strpos(e.name_industry, \(s.bind(term))) = 1") }
        return "(" + clauses.joined(separator: " OR ") + ")"
    }

    static func entityCandidate(_ row: ResultRow) throws -> NameCandidate? {
        guard let industry = IndustryCode(try row.text("industry_code")), let code = try? CreditCode(validating: try row.text("code")) else {
            return nil
        }
        let status = try row.text("status")
        let ended = endedStatuses.contains(status) ? try row.optionalText("status_changed_on").flatMap { CalendarDate(iso: $0) } : nil
        return NameCandidate(source: .entity, name: try row.text("name"), zihao: try row.text("zihao"), industryPhrase: try row.text("name_industry"),
                             industry: industry, code: code, status: status, endedOn: ended)
    }

    /// Former names in the authority that ended on or after `endedSince` and whose 字号 relates to the proposed
    /// one (equal, contained, containing, same pinyin) or whose name is the same.
    static func formerNames(_ connection: PostgresConnection, _ query: NameCandidateQuery, logger: Logger) async throws -> [NameCandidate] {
        var s = SQLStatement()
        s.append("""
            SELECT h.name, h.name_key, h.zihao, h.valid_to, e.code, e.industry_code FROM name_history h JOIN entities e ON e.id = h.entity_id
            WHERE h.authority = \(s.bind(query.authority.description)) AND h.valid_to >= \(s.bind(query.endedSince.description))
              AND (length(h.zihao) = \(s.bind(Int64(query.contained.count)))::int OR strpos(h.zihao, \(s.bind(query.contained))) > 0
                   OR strpos(\(s.bind(query.contained)), h.zihao) > 0 OR h.name_key = \(s.bind(query.nameKey)))
            """)
        let han = HanTables.standard
        let keys = Set(query.zihaoKeys)
        var candidates: [NameCandidate] = []
        for row in try await connection.rows(s, logger: logger) {
            let zihao = SearchText.normalize(try row.text("zihao"))
            guard try row.text("name_key") == query.nameKey || keys.contains(zihao) || zihao.contains(query.contained)
                    || han.pinyinKey(zihao) == query.pinyin else { continue }
            guard let industry = IndustryCode(try row.text("industry_code")), let code = try? CreditCode(validating: try row.text("code")),
                  let validTo = try row.optionalText("valid_to").flatMap({ CalendarDate(iso: $0) }) else { continue }
            let name = try row.text("name")
            candidates.append(NameCandidate(source: .formerName, name: name, zihao: try row.text("zihao"),
                                            industryPhrase: EnterpriseNameParser.standard.parse(name).industry, industry: industry,
                                            code: code, status: "曾用名", endedOn: validTo.adding(days: 1)))
        }
        return candidates
    }
}

/// Rows of `name_reservations`, mapped to and from `NameReservation`.
enum PostgresNameReservations {
    static let columns = """
        id, name, zihao, industry_phrase, industry_code, type, authority, applicant, reserved_on, expires_on,
        needs_preapproval, state, state_changed_on
        """

    static func insert(_ connection: PostgresConnection, _ reservation: NameReservation, nameKey: String, logger: Logger) async throws {
        let han = HanTables.standard
        let zihaoKey = SearchText.normalize(reservation.zihao)
        var set = RowSet("name_reservations", ["id", "name", "name_key", "zihao", "zihao_key", "zihao_pinyin", "industry_phrase", "industry_code",
                                               "type", "authority", "applicant", "reserved_on", "expires_on", "needs_preapproval", "state",
                                               "state_changed_on"])
        set.append([.text(reservation.id), .text(reservation.name), .text(nameKey), .text(reservation.zihao), .text(zihaoKey),
                    .text(han.pinyinKey(zihaoKey)), .text(reservation.industryPhrase), .text(reservation.industry.rawValue),
                    .text(reservation.type.rawValue), .text(reservation.authority.description), .text(reservation.applicant),
                    .text(reservation.reservedOn.description), .text(reservation.expiresOn.description), .boolean(reservation.needsPreapproval),
                    .text(reservation.state.rawValue), FieldValue(reservation.stateChangedOn?.description)])
        if let insert = RowSet.insertAll([set]) { try await connection.run(insert, logger: logger) }
    }

    static func fetch(_ connection: PostgresConnection, id: String, logger: Logger) async throws -> NameReservation? {
        var s = SQLStatement("SELECT \(columns) FROM name_reservations WHERE id = ")
        s.append(s.bind(id))
        return try await connection.firstRow(s, logger: logger).flatMap(reservation)
    }

    /// Active, unexpired reservations in the query's authority whose 字号 relates to the proposed one.
    static func active(_ connection: PostgresConnection, _ query: NameCandidateQuery, logger: Logger) async throws -> [NameCandidate] {
        var s = SQLStatement()
        s.append("""
            SELECT \(columns) FROM name_reservations
            WHERE authority = \(s.bind(query.authority.description)) AND state = 'active' AND expires_on > \(s.bind(query.today.description))
              AND (zihao_key = ANY(\(s.bind(query.zihaoKeys))::text[]) OR zihao_pinyin = \(s.bind(query.pinyin))
                   OR strpos(zihao_key, \(s.bind(query.contained))) > 0 OR name_key = \(s.bind(query.nameKey)))
            """)
        return try await connection.rows(s, logger: logger).compactMap(reservation).map(\.candidate)
    }

    static func reservation(_ row: ResultRow) throws -> NameReservation? {
        guard let type = EntityType(rawValue: try row.text("type")), let industry = IndustryCode(try row.text("industry_code")),
              let authority = RegionCode(try row.text("authority")), let state = NameReservation.State(rawValue: try row.text("state")),
              let reservedOn = CalendarDate(iso: try row.text("reserved_on")),
              let expiresOn = CalendarDate(iso: try row.text("expires_on")) else { return nil }
        return NameReservation(id: try row.text("id"), name: try row.text("name"), zihao: try row.text("zihao"),
                               industryPhrase: try row.text("industry_phrase"), type: type, industry: industry, authority: authority,
                               applicant: try row.text("applicant"), reservedOn: reservedOn, expiresOn: expiresOn,
                               needsPreapproval: try row.bool("needs_preapproval"), state: state,
                               stateChangedOn: try row.optionalText("state_changed_on").flatMap { CalendarDate(iso: $0) })
    }
}
