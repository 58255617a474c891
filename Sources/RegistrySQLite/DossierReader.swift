import GRDB
import RegistryCore
import RegistryStore

/// Reads dossiers back into domain values.
enum DossierReader {
    static func read(_ db: Database, entityID: Int64) throws -> EntityDossier? {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM entities WHERE id = ?"), arguments: [entityID]) else { return nil }
        let entity = try entity(from: row)
        let licenses = try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM business_licenses WHERE entity_id = ? ORDER BY version"),
                                        arguments: [entityID]).map(license(from:))
        let tax = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM tax_registrations WHERE entity_id = ?"), arguments: [entityID]).map(tax(from:))
        let statistics = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM statistics_registrations WHERE entity_id = ?"),
                                          arguments: [entityID]).map(statistics(from:))
        let names = try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM name_history WHERE entity_id = ? ORDER BY valid_from, valid_to IS NULL, name"),
                                     arguments: [entityID]).map(name(from:))
        return EntityDossier(entity: entity, licenses: licenses, tax: tax, statistics: statistics, names: names)
    }

    static func entity(from row: Row) throws -> MarketEntity {
        MarketEntity(
            code: try code(row["code"]),
            name: row["name"],
            nameParts: NameParts(region: row["name_region"], zihao: row["zihao"], industry: row["name_industry"], form: row["name_form"]),
            type: try parse(row["type"], EntityType.init(rawValue:), "type"),
            status: try parse(row["status"], EntityStatus.init(parsing:), "status"),
            authority: try parse(row["authority"], { RegionCode($0) }, "authority"),
            domicile: row["domicile"],
            legalRepresentative: Person(name: row["legal_representative"], idNumber: row["legal_representative_id"]),
            registeredCapitalYuan: row["registered_capital_yuan"],
            businessScope: row["business_scope"],
            industry: try parse(row["industry_code"], { IndustryCode($0) }, "industry_code"),
            establishedOn: try date(row["established_on"]),
            operatingTermEnd: try (row["operating_term_end"] as String?).map(date),
            statusChangedOn: try (row["status_changed_on"] as String?).map(date),
            nameShownAsCode: row["name_shown_as_code"],
            suspendedUntil: try (row["suspended_until"] as String?).map(date))
    }

    static func license(from row: Row) throws -> BusinessLicense {
        BusinessLicense(
            version: row["version"], issuedOn: try date(row["issued_on"]), name: row["name"],
            type: try parse(row["type"], EntityType.init(rawValue:), "type"), legalRepresentative: row["legal_representative"],
            registeredCapitalYuan: row["registered_capital_yuan"], domicile: row["domicile"], businessScope: row["business_scope"],
            authority: try parse(row["authority"], { RegionCode($0) }, "authority"), establishedOn: try date(row["established_on"]))
    }

    static func tax(from row: Row) throws -> TaxRegistration {
        TaxRegistration(
            taxAuthority: row["tax_authority"],
            financeOfficer: Person(name: row["finance_officer"], idNumber: row["finance_officer_id"]),
            taxHandler: Person(name: row["tax_handler"], idNumber: row["tax_handler_id"]),
            accountingMethod: try parse(row["accounting_method"], AccountingMethod.init(rawValue:), "accounting_method"),
            headcount: row["headcount"], registeredOn: try date(row["registered_on"]))
    }

    static func statistics(from row: Row) throws -> StatisticsRegistration {
        StatisticsRegistration(
            industry: try parse(row["industry_code"], { IndustryCode($0) }, "industry_code"),
            mainActivity: row["main_activity"], employees: row["employees"], registeredOn: try date(row["registered_on"]))
    }

    static func name(from row: Row) throws -> NameRecord {
        NameRecord(name: row["name"], zihao: row["zihao"], validFrom: try date(row["valid_from"]),
                   validTo: try (row["valid_to"] as String?).map(date))
    }

    static func code(_ text: String) throws -> CreditCode {
        do {
            return try CreditCode(validating: text)
        } catch {
            throw StoreError.backend("corrupt code in the database: \(error)")
        }
    }

    static func date(_ text: String) throws -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { throw StoreError.backend("corrupt date in the database: \(text)") }
        return date
    }

    static func parse<T>(_ text: String, _ make: (String) -> T?, _ column: String) throws -> T {
        guard let value = make(text) else { throw StoreError.backend("corrupt \(column) in the database: \(text)") }
        return value
    }
}
