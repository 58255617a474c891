import Foundation
import PostgresNIO
import RegistryCore
import RegistryStore

/// Finds the existing names a proposed name is compared with, by index lookups only (`NameCandidateQuery`),
/// as the SQLite backend does.
enum PostgresNameCandidates {
    static let entityColumns = "e.id, e.code, e.name, e.zihao, e.name_industry, e.industry_code, e.status, e.status_changed_on"
    static let endedStatuses: Set<String> = [EntityStatus.deregistered.display, EntityStatus.cancelled.display, EntityStatus.movedOut.display]

    /// Every candidate in **one** statement: the entity lookups, the former names and the active reservations as
    /// branches of a UNION ALL, read in branch order (entities found twice are kept once, as in SQLite).
    static func candidates(_ connection: PostgresConnection, _ query: NameCandidateQuery, logger: Logger) async throws -> [NameCandidate] {
        let authority = query.authority.description
        let han = HanTables.standard
        var s = SQLStatement()
        let empty = "NULL::text AS name_key, NULL::text AS reservation"
        var branches: [String] = []
        func entities(_ from: String, _ condition: String) -> String {
            "SELECT 'e' AS kind, e.id, e.code, e.name, e.zihao, e.name_industry AS phrase, e.industry_code, e.status, e.status_changed_on AS ended, \(empty) FROM \(from) WHERE \(condition)"
        }
        for key in query.zihaoKeys where han.pinyinKey(key) != query.pinyin {  // same pinyin: found below
            branches.append(entities("entities e", "e.authority = \(s.bind(authority)) AND e.zihao_pinyin = \(s.bind(han.pinyinKey(key)))"
                                     + " AND e.zihao_key = \(s.bind(key)) AND " + sameIndustrySQL(query.sameIndustry, &s)))
        }
        if !query.pinyin.isEmpty {
            branches.append(entities("entities e", "e.authority = \(s.bind(authority)) AND e.zihao_pinyin = \(s.bind(query.pinyin))"
                                     + " AND (e.zihao_key = \(s.bind(query.contained)) OR " + sameIndustrySQL(query.sameIndustry, &s) + ")"))
        }
        branches.append(entities("zihao_grams g JOIN entities e ON e.id = g.entity_id", "g.authority = \(s.bind(authority))"
                                 + " AND g.gram = \(s.bind(query.contained)) AND " + sameIndustrySQL(query.sameIndustry, &s)))
        branches.append(entities("name_history h JOIN entities e ON e.id = h.entity_id", "h.name_key = \(s.bind(query.nameKey))"
                                 + " AND h.valid_to IS NULL AND e.authority = \(s.bind(authority))"))
        branches.append("""
            SELECT 'f', h.entity_id, e.code, h.name, h.zihao, NULL, e.industry_code, NULL, h.valid_to, h.name_key, NULL
            FROM name_history h JOIN entities e ON e.id = h.entity_id
            WHERE h.authority = \(s.bind(authority)) AND h.valid_to >= \(s.bind(query.endedSince.description))
              AND (length(h.zihao) = \(s.bind(Int64(query.contained.count)))::int OR strpos(h.zihao, \(s.bind(query.contained))) > 0
                   OR strpos(\(s.bind(query.contained)), h.zihao) > 0 OR h.name_key = \(s.bind(query.nameKey)))
            """)
        branches.append("""
            SELECT 'r', 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, row_to_json(r)::text FROM (
                SELECT \(PostgresNameReservations.columns) FROM name_reservations
                WHERE authority = \(s.bind(authority)) AND state = 'active' AND expires_on > \(s.bind(query.today.description))
                  AND (zihao_key = ANY(\(s.bind(query.zihaoKeys))::text[]) OR zihao_pinyin = \(s.bind(query.pinyin))
                       OR strpos(zihao_key, \(s.bind(query.contained))) > 0 OR name_key = \(s.bind(query.nameKey)))) r
            """)
        s.append(branches.joined(separator: "\nUNION ALL\n"))
        var seen = Set<Int64>()
        var candidates: [NameCandidate] = []
        var former: [NameCandidate] = []
        var reservations: [NameCandidate] = []
        let keys = Set(query.zihaoKeys)
        for row in try await connection.rows(s, logger: logger) {
            switch try row.text("kind") {
            case "e":
                if seen.insert(try row.int64("id")).inserted, let candidate = try entityCandidate(row) { candidates.append(candidate) }
            case "f":
                let zihao = SearchText.normalize(try row.text("zihao"))
                guard try row.text("name_key") == query.nameKey || keys.contains(zihao) || zihao.contains(query.contained)
                        || han.pinyinKey(zihao) == query.pinyin else { continue }
                guard let industry = IndustryCode(try row.text("industry_code")), let code = try? CreditCode(validating: try row.text("code")),
                      let validTo = try row.optionalText("ended").flatMap({ CalendarDate(iso: $0) }) else { continue }
                let name = try row.text("name")
                former.append(NameCandidate(source: .formerName, name: name, zihao: try row.text("zihao"),
                                            industryPhrase: EnterpriseNameParser.standard.parse(name).industry, industry: industry,
                                            code: code, status: "曾用名", endedOn: validTo.adding(days: 1)))
            default:
                if let json = try row.optionalText("reservation"), let reservation = try PostgresNameReservations.reservation(json: json) {
                    reservations.append(reservation.candidate)
                }
            }
        }
        return candidates + former + reservations
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
        let ended = endedStatuses.contains(status) ? try row.optionalText("ended").flatMap { CalendarDate(iso: $0) } : nil
        return NameCandidate(source: .entity, name: try row.text("name"), zihao: try row.text("zihao"), industryPhrase: try row.text("phrase"),
                             industry: industry, code: code, status: status, endedOn: ended)
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

    /// A reservation as `row_to_json` gives it (the candidates statement).
    struct ReservationJSON: Decodable {
        let id, name, zihao, industry_phrase, industry_code, type, authority, applicant, reserved_on, expires_on, state: String
        let needs_preapproval: Bool
        let state_changed_on: String?
    }

    static func reservation(json: String) throws -> NameReservation? {
        let row = try JSONDecoder().decode(ReservationJSON.self, from: Data(json.utf8))
        guard let type = EntityType(rawValue: row.type), let industry = IndustryCode(row.industry_code), let authority = RegionCode(row.authority),
              let state = NameReservation.State(rawValue: row.state), let reservedOn = CalendarDate(iso: row.reserved_on),
              let expiresOn = CalendarDate(iso: row.expires_on) else { return nil }
        return NameReservation(id: row.id, name: row.name, zihao: row.zihao, industryPhrase: row.industry_phrase, type: type, industry: industry,
                               authority: authority, applicant: row.applicant, reservedOn: reservedOn, expiresOn: expiresOn,
                               needsPreapproval: row.needs_preapproval, state: state,
                               stateChangedOn: row.state_changed_on.flatMap { CalendarDate(iso: $0) })
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
