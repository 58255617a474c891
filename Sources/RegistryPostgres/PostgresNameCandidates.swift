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
        let han = HanTables.standard
        // Keys of the same pinyin are found by the pinyin branch.
        let keys = query.zihaoKeys.filter { han.pinyinKey($0) != query.pinyin }
        let filter = query.sameIndustry
        let statement = NameCandidatesQuery(
            authority: query.authority.description, keys: keys, keyPinyins: keys.map(han.pinyinKey), pinyin: query.pinyin,
            contained: query.contained, nameKey: query.nameKey, endedSince: query.endedSince.description, containedLength: query.contained.count,
            today: query.today.description, zihaoKeys: query.zihaoKeys, noFilter: filter == nil, codePrefix: filter?.codePrefix ?? "",
            section: filter?.codePrefix == nil ? filter?.section ?? "" : "", terms: filter?.terms ?? [])
        var seen = Set<Int64>()
        var candidates: [NameCandidate] = []
        var former: [NameCandidate] = []
        var reservations: [NameCandidate] = []
        let zihaoKeys = Set(query.zihaoKeys)
        for row in try await connection.rows(prepared: statement, logger: logger) {
            switch try row.text("kind") {
            case "e":
                if seen.insert(try row.int64("id")).inserted, let candidate = try entityCandidate(row) { candidates.append(candidate) }
            case "f":
                let zihao = SearchText.normalize(try row.text("zihao"))
                guard try row.text("name_key") == query.nameKey || zihaoKeys.contains(zihao) || zihao.contains(query.contained)
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
