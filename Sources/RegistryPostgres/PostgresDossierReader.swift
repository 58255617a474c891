import PostgresNIO
import RegistryCore
import RegistryStore

/// Reads dossiers back into domain values.
enum PostgresDossierReader {
    static func read(_ connection: PostgresConnection, entityID: Int64, logger: Logger) async throws -> EntityDossier? {
        func select(_ sql: String) -> SQLStatement {
            var statement = SQLStatement(sql)
            statement.append(statement.bind(entityID))
            return statement
        }
        guard let row = try await connection.firstRow(select("SELECT * FROM entities WHERE id = "), logger: logger) else { return nil }
        let entity = try entity(from: row)
        let licenses = try await connection.rows(select("SELECT * FROM business_licenses WHERE entity_id = ") , logger: logger)
            .map(license(from:)).sorted { $0.version < $1.version }
        let tax = try await connection.firstRow(select("SELECT * FROM tax_registrations WHERE entity_id = "), logger: logger).map(tax(from:))
        let statistics = try await connection.firstRow(select("SELECT * FROM statistics_registrations WHERE entity_id = "), logger: logger)
            .map(statistics(from:))
        var names = select("SELECT * FROM name_history WHERE entity_id = ")
        names.append(" ORDER BY valid_from, valid_to IS NULL, name")
        return EntityDossier(entity: entity, licenses: licenses, tax: tax, statistics: statistics,
                             names: try await connection.rows(names, logger: logger).map(name(from:)))
    }

    /// The entity's register records as they stand (for its change-feed values).
    static func registers(_ connection: PostgresConnection, entityID: Int64, logger: Logger) async throws -> EntityRegisters {
        EntityRegisters(decisions: try await PostgresDecisionRecord.fetch(connection, entityID: entityID, logger: logger),
                        abnormalListings: try await PostgresAbnormalListingRecord.fetch(connection, entityID: entityID, logger: logger),
                        notices: try await PostgresNoticeRecord.fetch(connection, entityID: entityID, logger: logger))
    }

    /// The row id of the entity with `code`.
    static func entityID(_ connection: PostgresConnection, _ code: CreditCode, logger: Logger, lock: Bool = false) async throws -> Int64? {
        var select = SQLStatement("SELECT id FROM entities WHERE code = ")
        select.append(select.bind(code.rawValue) + (lock ? " FOR UPDATE" : ""))
        return try await connection.firstRow(select, logger: logger)?.int64("id")
    }

    /// The dossier of `code`, or `entityNotFound`; `lock` holds the entity row until the transaction ends.
    static func load(_ connection: PostgresConnection, _ code: CreditCode, logger: Logger, lock: Bool = false) async throws -> (id: Int64, dossier: EntityDossier) {
        guard let id = try await entityID(connection, code, logger: logger, lock: lock),
              let dossier = try await read(connection, entityID: id, logger: logger) else { throw StoreError.entityNotFound(code) }
        return (id, dossier)
    }

    static func entity(from row: ResultRow) throws -> MarketEntity {
        MarketEntity(
            code: try row.parse("code") { try? CreditCode(validating: $0) },
            name: try row.text("name"),
            nameParts: NameParts(region: try row.text("name_region"), zihao: try row.text("zihao"), industry: try row.text("name_industry"),
                                 form: try row.text("name_form")),
            type: try row.parse("type", EntityType.init(rawValue:)),
            status: try row.parse("status", EntityStatus.init(parsing:)),
            authority: try row.parse("authority") { RegionCode($0) },
            domicile: try row.text("domicile"),
            legalRepresentative: Person(name: try row.text("legal_representative"), idNumber: try row.text("legal_representative_id")),
            registeredCapitalYuan: try row.optionalInt64("registered_capital_yuan"),
            businessScope: try row.text("business_scope"),
            industry: try row.parse("industry_code") { IndustryCode($0) },
            establishedOn: try row.parse("established_on", CalendarDate.init(iso:)),
            operatingTermEnd: try row.parseOptional("operating_term_end", CalendarDate.init(iso:)),
            statusChangedOn: try row.parseOptional("status_changed_on", CalendarDate.init(iso:)),
            nameShownAsCode: try row.bool("name_shown_as_code"),
            suspendedUntil: try row.parseOptional("suspended_until", CalendarDate.init(iso:)))
    }

    static func license(from row: ResultRow) throws -> BusinessLicense {
        BusinessLicense(
            version: try row.int("version"), issuedOn: try row.parse("issued_on", CalendarDate.init(iso:)),
            name: try row.text("name"), type: try row.parse("type", EntityType.init(rawValue:)),
            legalRepresentative: try row.text("legal_representative"), registeredCapitalYuan: try row.optionalInt64("registered_capital_yuan"),
            domicile: try row.text("domicile"), businessScope: try row.text("business_scope"),
            authority: try row.parse("authority") { RegionCode($0) }, establishedOn: try row.parse("established_on", CalendarDate.init(iso:)))
    }

    static func tax(from row: ResultRow) throws -> TaxRegistration {
        TaxRegistration(
            taxAuthority: try row.text("tax_authority"),
            financeOfficer: Person(name: try row.text("finance_officer"), idNumber: try row.text("finance_officer_id")),
            taxHandler: Person(name: try row.text("tax_handler"), idNumber: try row.text("tax_handler_id")),
            accountingMethod: try row.parse("accounting_method", AccountingMethod.init(rawValue:)),
            headcount: try row.int("headcount"), registeredOn: try row.parse("registered_on", CalendarDate.init(iso:)))
    }

    static func statistics(from row: ResultRow) throws -> StatisticsRegistration {
        StatisticsRegistration(
            industry: try row.parse("industry_code") { IndustryCode($0) }, mainActivity: try row.text("main_activity"),
            employees: try row.int("employees"), registeredOn: try row.parse("registered_on", CalendarDate.init(iso:)))
    }

    static func name(from row: ResultRow) throws -> NameRecord {
        NameRecord(name: try row.text("name"), zihao: try row.text("zihao"), validFrom: try row.parse("valid_from", CalendarDate.init(iso:)),
                   validTo: try row.parseOptional("valid_to", CalendarDate.init(iso:)))
    }
}
