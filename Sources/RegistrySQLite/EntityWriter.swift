import GRDB
import RegistryCore
import RegistryStore

/// Writes dossiers and their parts. Every statement is bound; callers hold the write transaction.
enum EntityWriter {
    /// The id the next inserted entity gets (ids are never reused: entities are never deleted).
    static func nextEntityID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(try db.cachedStatement(sql: "SELECT coalesce(max(id), 0) + 1 FROM entities")) ?? 1
    }

    /// The entity's search key.
    static func searchKey(id: Int64, entity: MarketEntity) -> Int64 {
        SearchKey.make(entityID: id, active: entity.status.isActive, establishedOn: entity.establishedOn)
    }

    /// The GB/T 4754 门类 of a code.
    static func section(of industry: IndustryCode) -> String {
        IndustryTable.standard.entry(industry.rawValue)?.section ?? String(industry.rawValue.prefix(1))
    }

    static let insertEntitySQL = """
        INSERT INTO entities (id, code, subject_id, name, zihao, name_region, name_industry, name_form, zihao_key,
            zihao_pinyin, zihao_initials, type, status, authority, domicile, legal_representative,
            legal_representative_id, registered_capital_yuan, business_scope, industry_code, industry_section,
            established_on, operating_term_end, status_changed_on, name_shown_as_code, search_key, suspended_until)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertLicenseSQL = """
        INSERT INTO business_licenses (entity_id, version, issued_on, name, type, legal_representative,
            registered_capital_yuan, domicile, business_scope, authority, established_on)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertTaxSQL = """
        INSERT INTO tax_registrations (entity_id, tax_authority, finance_officer, finance_officer_id, tax_handler,
            tax_handler_id, accounting_method, headcount, registered_on)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertStatisticsSQL = """
        INSERT INTO statistics_registrations (entity_id, industry_code, main_activity, employees, registered_on)
        VALUES (?, ?, ?, ?, ?)
        """
    static let insertNameSQL = "INSERT INTO name_history (entity_id, name, name_key, zihao, valid_from, valid_to, authority) VALUES (?, ?, ?, ?, ?, ?, ?)"

    static func insertLicense(_ db: Database, entityID: Int64, _ license: BusinessLicense) throws {
        var row = try RowWriter(db, sql: insertLicenseSQL)
        try row.run(PreparedDossier.license(license, entityID: entityID))
    }

    static func insertName(_ db: Database, entityID: Int64, authority: RegionCode, _ record: NameRecord) throws {
        var row = try RowWriter(db, sql: insertNameSQL)
        try row.run(PreparedDossier.name(record, entityID: entityID, authority: authority))
    }

    /// Writes the rows of a prepared dossier (not its search index); `grams: false` leaves `zihao_grams`
    /// to a set-based fill after a bulk load (`ZihaoGrams.fillAll`).
    /// `before` runs ahead of each part's writes (fault injection).
    static func write(_ db: Database, _ prepared: PreparedDossier, grams: Bool = true,
                      before: (CompletionStep) throws -> Void = { _ in }) throws {
        try before(.entity)
        var row = try RowWriter(db, sql: insertEntitySQL)
        try row.run(prepared.entity)
        try before(.license)
        row = try RowWriter(db, sql: insertLicenseSQL)
        for license in prepared.licenses { try row.run(license) }
        if let tax = prepared.tax {
            try before(.tax)
            row = try RowWriter(db, sql: insertTaxSQL)
            try row.run(tax)
        }
        if let statistics = prepared.statistics {
            try before(.statistics)
            row = try RowWriter(db, sql: insertStatisticsSQL)
            try row.run(statistics)
        }
        try before(.nameHistory)
        row = try RowWriter(db, sql: insertNameSQL)
        for name in prepared.names { try row.run(name) }
        if !prepared.formerNameKeys.isEmpty {
            row = try RowWriter(db, sql: FormerNameKeys.insertSQL)
            for key in prepared.formerNameKeys { try row.run(key) }
        }
        if grams && prepared.zihaoKey.count > 2 {
            row = try RowWriter(db, sql: ZihaoGrams.insertSQL)
            for gram in ZihaoGrams.rows(entityID: prepared.id, authority: prepared.authority, zihaoKey: prepared.zihaoKey) { try row.run(gram) }
        }
    }

    /// Inserts a whole dossier (entity, licenses, registrations, names) under `id` and returns its
    /// prepared form; the caller indexes it.
    static func insert(_ db: Database, _ dossier: EntityDossier, id: Int64, searchDocument: String? = nil,
                       before: (CompletionStep) throws -> Void = { _ in }) throws -> PreparedDossier {
        let prepared = PreparedDossier(dossier, id: id, searchDocument: searchDocument)
        try write(db, prepared, before: before)
        return prepared
    }
}
