import PostgresNIO

/// A statement PostgreSQL prepares once per connection and then only binds and runs: for the fixed-shape
/// statements of the write path, whose planning cost more than their execution (the name-check candidates:
/// ~3 ms of planning for 0.1 ms of work). After five executions the server keeps a generic plan when it costs no
/// more than the custom ones (`plan_cache_mode = auto`).
protocol PreparedQuery: PostgresPreparedStatement where Row == PostgresRow {
    var bindings: PostgresBindings { get }
}

extension PreparedQuery {
    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

extension PostgresConnection {
    /// Runs a prepared statement and collects its rows.
    func rows<Query: PreparedQuery>(prepared query: Query, logger: Logger) async throws -> [ResultRow] {
        var rows: [ResultRow] = []
        for try await row in try await execute(query, logger: logger) { rows.append(ResultRow(row)) }
        return rows
    }
}

/// One application with its current form and every review (`PostgresApplicationRecord.selectApplications`).
struct ApplicationByNumber: PreparedQuery {
    static let sql = PostgresApplicationRecord.selectApplications + " WHERE a.number = $1"
    let bindings: PostgresBindings

    init(number: String) {
        var bindings = PostgresBindings()
        bindings.append(number)
        self.bindings = bindings
    }
}

/// Every candidate of a name check in one statement (`PostgresNameCandidates`): parameters instead of branches, so
/// its shape never changes.
struct NameCandidatesQuery: PreparedQuery {
    /// Whether an entity row `e` is in the query's superset of "same industry" ($11 no filter, $12 code prefix, $13
    /// section when there is no prefix, $14 phrase terms).
    static let sameIndustry = """
        ($11 OR e.name_industry = '' OR ($12 <> '' AND left(e.industry_code, length($12)) = $12)
            OR ($12 = '' AND $13 <> '' AND e.industry_section = $13)
            OR EXISTS (SELECT 1 FROM unnest($14::text[]) AS t(term) WHERE strpos(e.name_industry, t.term) = 1))
        """
    static let entityColumns = """
        e.id, e.code, e.name, e.zihao, e.name_industry AS phrase, e.industry_code, e.status, e.status_changed_on AS ended,
        NULL::text AS name_key, NULL::text AS reservation
        """
    static let sql = """
        (SELECT 'e' AS kind, \(entityColumns)
         FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS k(z, p, n) JOIN entities e ON e.authority = $1 AND e.zihao_pinyin = k.p AND e.zihao_key = k.z
         WHERE \(sameIndustry) ORDER BY k.n)
        UNION ALL
        (SELECT 'e', \(entityColumns) FROM entities e
         WHERE $4 <> '' AND e.authority = $1 AND e.zihao_pinyin = $4 AND (e.zihao_key = $5 OR \(sameIndustry)))
        UNION ALL
        (SELECT 'e', \(entityColumns) FROM zihao_grams g JOIN entities e ON e.id = g.entity_id
         WHERE g.authority = $1 AND g.gram = $5 AND \(sameIndustry))
        UNION ALL
        (SELECT 'e', \(entityColumns) FROM name_history h JOIN entities e ON e.id = h.entity_id
         WHERE h.name_key = $6 AND h.valid_to IS NULL AND e.authority = $1)
        UNION ALL
        (SELECT 'f', h.entity_id, e.code, h.name, h.zihao, NULL, e.industry_code, NULL, h.valid_to, h.name_key, NULL
         FROM name_history h JOIN entities e ON e.id = h.entity_id
         WHERE h.authority = $1 AND h.valid_to >= $7
           AND (length(h.zihao) = $8::int OR strpos(h.zihao, $5) > 0 OR strpos($5, h.zihao) > 0 OR h.name_key = $6))
        UNION ALL
        (SELECT 'r', 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, row_to_json(r)::text FROM (
            SELECT \(PostgresNameReservations.columns) FROM name_reservations
            WHERE authority = $1 AND state = 'active' AND expires_on > $9
              AND (zihao_key = ANY($10::text[]) OR zihao_pinyin = $4 OR strpos(zihao_key, $5) > 0 OR name_key = $6)) r)
        """
    let bindings: PostgresBindings

    init(authority: String, keys: [String], keyPinyins: [String], pinyin: String, contained: String, nameKey: String, endedSince: String,
         containedLength: Int, today: String, zihaoKeys: [String], noFilter: Bool, codePrefix: String, section: String, terms: [String]) {
        var bindings = PostgresBindings()
        bindings.append(authority)
        bindings.append(keys)
        bindings.append(keyPinyins)
        bindings.append(pinyin)
        bindings.append(contained)
        bindings.append(nameKey)
        bindings.append(endedSince)
        bindings.append(Int64(containedLength))
        bindings.append(today)
        bindings.append(zihaoKeys)
        bindings.append(noFilter)
        bindings.append(codePrefix)
        bindings.append(section)
        bindings.append(terms)
        self.bindings = bindings
    }
}
