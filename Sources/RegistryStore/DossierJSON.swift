import RegistryCore

/// A dossier as stored JSON, written field by field: byte for byte what `StoredJSON.encode` (JSONEncoder with sorted
/// keys, `/` unescaped) makes of it, at a fraction of the cost (JSONEncoder took ~6% of all CPU in the registration
/// benchmark, once per registration). Keys are written in sorted order, absent optionals are left out, as the
/// synthesized `Codable` conformances do. A test holds the two equal on thousands of dossiers and awkward strings.
enum DossierJSON {
    static func encode(_ dossier: EntityDossier) -> String {
        var json = Writer()
        json.open("{")
        json.name("entity")
        json.entity(dossier.entity)
        json.name("licenses")
        json.open("[")
        for license in dossier.licenses { json.comma(); json.license(license) }
        json.close("]")
        json.name("names")
        json.open("[")
        for record in dossier.names { json.comma(); json.name(record) }
        json.close("]")
        if let statistics = dossier.statistics { json.name("statistics"); json.statistics(statistics) }
        if let tax = dossier.tax { json.name("tax"); json.tax(tax) }
        json.close("}")
        return String(decoding: json.bytes, as: UTF8.self)
    }

    private struct Writer {
        var bytes: [UInt8] = []
        /// Whether a value was written at this level (the next one needs a comma).
        private var needsComma = false

        init() { bytes.reserveCapacity(2_048) }

        mutating func open(_ bracket: Unicode.Scalar) {
            bytes.append(UInt8(bracket.value))
            needsComma = false
        }

        mutating func close(_ bracket: Unicode.Scalar) {
            bytes.append(UInt8(bracket.value))
            needsComma = true
        }

        mutating func comma() {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
        }

        /// An object key (and the comma before it, unless it is the first).
        mutating func name(_ key: StaticString) {
            comma()
            bytes.append(UInt8(ascii: "\""))
            key.withUTF8Buffer { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
            needsComma = false
        }

        mutating func field(_ key: StaticString, _ text: String) { name(key); string(text) }
        mutating func field(_ key: StaticString, _ number: Int64) { name(key); raw(String(number)) }
        mutating func field(_ key: StaticString, _ number: Int) { field(key, Int64(number)) }
        mutating func field(_ key: StaticString, _ flag: Bool) { name(key); raw(flag ? "true" : "false") }

        private mutating func raw(_ text: String) {
            bytes.append(contentsOf: text.utf8)
            needsComma = true
        }

        private mutating func string(_ text: String) {
            JSONArrays.appendString(text.utf8, to: &bytes)
            needsComma = true
        }

        mutating func entity(_ entity: MarketEntity) {
            open("{")
            field("authority", entity.authority.description)
            field("businessScope", entity.businessScope)
            field("code", entity.code.rawValue)
            field("domicile", entity.domicile)
            field("establishedOn", entity.establishedOn.description)
            field("industry", entity.industry.rawValue)
            name("legalRepresentative")
            person(entity.legalRepresentative)
            field("name", entity.name)
            name("nameParts")
            open("{")
            field("form", entity.nameParts.form)
            field("industry", entity.nameParts.industry)
            field("region", entity.nameParts.region)
            field("zihao", entity.nameParts.zihao)
            close("}")
            field("nameShownAsCode", entity.nameShownAsCode)
            if let end = entity.operatingTermEnd { field("operatingTermEnd", end.description) }
            if let capital = entity.registeredCapitalYuan { field("registeredCapitalYuan", capital) }
            field("status", entity.status.rawValue)
            if let changed = entity.statusChangedOn { field("statusChangedOn", changed.description) }
            if let until = entity.suspendedUntil { field("suspendedUntil", until.description) }
            field("type", entity.type.rawValue)
            close("}")
        }

        mutating func person(_ person: Person) {
            open("{")
            field("idNumber", person.idNumber)
            field("name", person.name)
            close("}")
        }

        mutating func license(_ license: BusinessLicense) {
            open("{")
            field("authority", license.authority.description)
            field("businessScope", license.businessScope)
            field("domicile", license.domicile)
            field("establishedOn", license.establishedOn.description)
            field("issuedOn", license.issuedOn.description)
            field("legalRepresentative", license.legalRepresentative)
            field("name", license.name)
            if let capital = license.registeredCapitalYuan { field("registeredCapitalYuan", capital) }
            field("type", license.type.rawValue)
            field("version", license.version)
            close("}")
        }

        mutating func name(_ record: NameRecord) {
            open("{")
            field("name", record.name)
            field("validFrom", record.validFrom.description)
            if let end = record.validTo { field("validTo", end.description) }
            field("zihao", record.zihao)
            close("}")
        }

        mutating func statistics(_ statistics: StatisticsRegistration) {
            open("{")
            field("employees", statistics.employees)
            field("industry", statistics.industry.rawValue)
            field("mainActivity", statistics.mainActivity)
            field("registeredOn", statistics.registeredOn.description)
            close("}")
        }

        mutating func tax(_ tax: TaxRegistration) {
            open("{")
            field("accountingMethod", tax.accountingMethod.rawValue)
            name("financeOfficer")
            person(tax.financeOfficer)
            field("headcount", tax.headcount)
            field("registeredOn", tax.registeredOn.description)
            field("taxAuthority", tax.taxAuthority)
            name("taxHandler")
            person(tax.taxHandler)
            close("}")
        }
    }
}
