import GRDB
import RegistryCore
import RegistryStore

/// Writes dossiers and their parts. Every statement is bound; callers hold the write transaction.
enum EntityWriter {
    /// The id the next inserted entity gets (ids are never reused: entities are never deleted).
    static func nextEntityID(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM entities") ?? 1
    }

    /// Inserts the entity row under `id`, with its search key.
    static func insertEntity(_ db: Database, _ entity: MarketEntity, id: Int64, tables: HanTables = .standard) throws {
        let zihao = entity.nameParts.zihao
        try db.execute(sql: """
            INSERT INTO entities (id, code, subject_id, name, zihao, name_region, name_industry, name_form, zihao_key,
                zihao_pinyin, zihao_initials, type, status, authority, domicile, legal_representative,
                legal_representative_id, registered_capital_yuan, business_scope, industry_code, industry_section,
                established_on, operating_term_end, status_changed_on, name_shown_as_code, search_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                id, entity.code.rawValue, entity.code.organizationCode.rawValue, entity.name, zihao,
                entity.nameParts.region, entity.nameParts.industry, entity.nameParts.form,
                SearchText.normalize(zihao, tables: tables), tables.pinyinKey(zihao), tables.initialsKey(zihao),
                entity.type.rawValue, entity.status.display, entity.authority.description, entity.domicile,
                entity.legalRepresentative.name, entity.legalRepresentative.idNumber, entity.registeredCapitalYuan,
                entity.businessScope, entity.industry.rawValue, section(of: entity.industry),
                entity.establishedOn.description, entity.operatingTermEnd?.description, entity.statusChangedOn?.description,
                entity.nameShownAsCode, searchKey(id: id, entity: entity),
            ])
    }

    /// The entity's search key.
    static func searchKey(id: Int64, entity: MarketEntity) -> Int64 {
        SearchKey.make(entityID: id, active: entity.status.isActive, establishedOn: entity.establishedOn)
    }

    /// The GB/T 4754 门类 of a code.
    static func section(of industry: IndustryCode) -> String {
        IndustryTable.standard.entry(industry.rawValue)?.section ?? String(industry.rawValue.prefix(1))
    }

    static func insertLicense(_ db: Database, entityID: Int64, _ license: BusinessLicense) throws {
        try db.execute(sql: """
            INSERT INTO business_licenses (entity_id, version, issued_on, name, type, legal_representative,
                registered_capital_yuan, domicile, business_scope, authority, established_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                entityID, license.version, license.issuedOn.description, license.name, license.type.rawValue,
                license.legalRepresentative, license.registeredCapitalYuan, license.domicile, license.businessScope,
                license.authority.description, license.establishedOn.description,
            ])
    }

    static func insertTax(_ db: Database, entityID: Int64, _ tax: TaxRegistration) throws {
        try db.execute(sql: """
            INSERT INTO tax_registrations (entity_id, tax_authority, finance_officer, finance_officer_id, tax_handler,
                tax_handler_id, accounting_method, headcount, registered_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                entityID, tax.taxAuthority, tax.financeOfficer.name, tax.financeOfficer.idNumber, tax.taxHandler.name,
                tax.taxHandler.idNumber, tax.accountingMethod.rawValue, tax.headcount, tax.registeredOn.description,
            ])
    }

    static func insertStatistics(_ db: Database, entityID: Int64, _ statistics: StatisticsRegistration) throws {
        try db.execute(sql: """
            INSERT INTO statistics_registrations (entity_id, industry_code, main_activity, employees, registered_on)
            VALUES (?, ?, ?, ?, ?)
            """, arguments: [entityID, statistics.industry.rawValue, statistics.mainActivity, statistics.employees,
                             statistics.registeredOn.description])
    }

    static func insertName(_ db: Database, entityID: Int64, _ record: NameRecord) throws {
        try db.execute(sql: """
            INSERT INTO name_history (entity_id, name, zihao, valid_from, valid_to) VALUES (?, ?, ?, ?, ?)
            """, arguments: [entityID, record.name, record.zihao, record.validFrom.description, record.validTo?.description])
    }

    /// Inserts a whole dossier (entity, licenses, registrations, names) under `id` and returns its
    /// search key; the caller indexes it.
    static func insert(_ db: Database, _ dossier: EntityDossier, id: Int64) throws -> Int64 {
        try insertEntity(db, dossier.entity, id: id)
        for license in dossier.licenses { try insertLicense(db, entityID: id, license) }
        if let tax = dossier.tax { try insertTax(db, entityID: id, tax) }
        if let statistics = dossier.statistics { try insertStatistics(db, entityID: id, statistics) }
        for name in dossier.names { try insertName(db, entityID: id, name) }
        return searchKey(id: id, entity: dossier.entity)
    }
}
