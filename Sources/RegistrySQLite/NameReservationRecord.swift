import GRDB
import RegistryCore
import RegistryStore

/// Rows of `name_reservations`, mapped to and from `NameReservation`.
enum NameReservationRecord {
    static let columns = """
        id, name, zihao, industry_phrase, industry_code, type, authority, applicant, reserved_on, expires_on,
        needs_preapproval, state, state_changed_on
        """

    static func insert(_ db: Database, _ reservation: NameReservation, nameKey: String) throws {
        let han = HanTables.standard
        let zihaoKey = SearchText.normalize(reservation.zihao)
        try db.cachedStatement(sql: """
            INSERT INTO name_reservations (id, name, name_key, zihao, zihao_key, zihao_pinyin, industry_phrase, industry_code,
                type, authority, applicant, reserved_on, expires_on, needs_preapproval, state, state_changed_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [reservation.id, reservation.name, nameKey, reservation.zihao, zihaoKey, han.pinyinKey(zihaoKey),
                             reservation.industryPhrase, reservation.industry.rawValue, reservation.type.rawValue,
                             reservation.authority.description, reservation.applicant, reservation.reservedOn.description,
                             reservation.expiresOn.description, reservation.needsPreapproval ? 1 : 0, reservation.state.rawValue,
                             reservation.stateChangedOn?.description])
    }

    static func fetch(_ db: Database, id: String) throws -> NameReservation? {
        try Row.fetchOne(try db.cachedStatement(sql: "SELECT \(columns) FROM name_reservations WHERE id = ?"), arguments: [id]).flatMap(reservation)
    }

    /// Active, unexpired reservations in the query's authority whose 字号 relates to the proposed one.
    static let activeCandidatesSQL = """
        SELECT \(columns) FROM name_reservations
        WHERE authority = ? AND state = 'active' AND expires_on > ?
          AND (zihao_key IN (SELECT value FROM json_each(?)) OR zihao_pinyin = ? OR instr(zihao_key, ?) > 0 OR name_key = ?)
        """

    static func active(_ db: Database, _ query: NameCandidateQuery) throws -> [NameCandidate] {
        // One statement text whatever the number of keys (a JSON array): it stays in the statement cache.
        try Row.fetchAll(try db.cachedStatement(sql: activeCandidatesSQL), arguments: [
            query.authority.description, query.today.description, JSONArrays.of(query.zihaoKeys), query.pinyin, query.contained,
            query.nameKey,
        ]).compactMap(reservation).map(\.candidate)
    }

    static func reservation(_ row: Row) -> NameReservation? {
        guard let type = EntityType(rawValue: row["type"]), let industry = IndustryCode(row["industry_code"] as String),
              let authority = RegionCode(row["authority"] as String), let state = NameReservation.State(rawValue: row["state"]),
              let reservedOn = CalendarDate(iso: row["reserved_on"] as String),
              let expiresOn = CalendarDate(iso: row["expires_on"] as String) else { return nil }
        return NameReservation(id: row["id"], name: row["name"], zihao: row["zihao"], industryPhrase: row["industry_phrase"], type: type,
                               industry: industry, authority: authority, applicant: row["applicant"], reservedOn: reservedOn,
                               expiresOn: expiresOn, needsPreapproval: (row["needs_preapproval"] as Int) == 1, state: state,
                               stateChangedOn: (row["state_changed_on"] as String?).flatMap { CalendarDate(iso: $0) })
    }
}
