import RegistryCore
import RegistryService
import RegistryStore

/// Response of `GET /v1/entities`, written with `JSONWriter` (keys sorted, as everywhere in the API).
struct SearchResponseDTO: Sendable {
    let total: Int
    let totalIsEstimate: Bool
    let nextCursor: String?
    let results: [SearchHitView]

    var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("nextCursor", nextCursor)
        writer.beginArray("results")
        for hit in results {
            writer.beginObject()
            writer.field("authority", hit.authority)
            writer.field("code", hit.code)
            writer.field("establishedOn", hit.establishedOn)
            writer.field("industryCode", hit.industryCode)
            writer.field("matchTier", hit.matchTier)
            writer.field("name", hit.name)
            writer.field("status", hit.status)
            writer.field("statusCode", hit.statusCode)
            writer.field("type", hit.type)
            writer.endObject()
        }
        writer.endArray()
        writer.field("total", total)
        writer.field("totalIsEstimate", totalIsEstimate)
        writer.endObject()
        return writer.bytes
    }
}

/// Response of `GET /v1/entities/{code}`: the entity with its license versions, tax and statistics
/// registrations and name history. Personal ID numbers are masked.
struct DossierDTO: Encodable, Sendable {
    struct Entity: Encodable, Sendable {
        let code: String
        let name: String
        let nameParts: NameParts
        let type: String
        let typeName: String
        let status: String
        let statusCode: String
        let authority: String
        let authorityName: String?
        let domicile: String
        let legalRepresentative: String
        let registeredCapitalYuan: Int64?
        let businessScope: String
        let industryCode: String
        let industryName: String?
        let establishedOn: String
        let operatingTermEnd: String?
        let statusChangedOn: String?
        /// While 歇业: the suspension's last day (the public sees the period, 细则 第41条).
        let suspendedUntil: String?
    }

    struct License: Encodable, Sendable {
        let version: Int
        let issuedOn: String
        let name: String
        let legalRepresentative: String
        let registeredCapitalYuan: Int64?
        let domicile: String
        let businessScope: String
    }

    struct Tax: Encodable, Sendable {
        let taxAuthority: String
        let financeOfficer: String
        let taxHandler: String
        let accountingMethod: String
        let headcount: Int
        let registeredOn: String
    }

    struct Statistics: Encodable, Sendable {
        let industryCode: String
        let mainActivity: String
        let employees: Int
        let registeredOn: String
    }

    struct Name: Encodable, Sendable {
        let name: String
        let validFrom: String
        let validTo: String?
    }

    let entity: Entity
    let licenses: [License]
    let tax: Tax?
    let statistics: Statistics?
    let names: [Name]
    /// The 经营异常名录 listings, in force and ended, oldest first.
    let abnormalListings: [AbnormalListingView]
    /// The registration decisions (吊销, 撤销, reversals), oldest first.
    let decisions: [DecisionView]
    /// The 简易注销 notices, oldest first (`published` on `today`: the flag 简易注销公告中).
    let deregistrationNotices: [NoticeView]

    init<Store: RegistryStore>(_ record: RegistryDirectory<Store>.PublicRecord, today: CalendarDate) {
        let dossier = record.dossier
        abnormalListings = record.abnormalListings.map(AbnormalListingView.init)
        decisions = record.decisions.map(DecisionView.init)
        deregistrationNotices = record.deregistrationNotices.map { NoticeView($0, today: today) }
        let e = dossier.entity
        entity = Entity(
            code: e.code.rawValue, name: e.publicName, nameParts: e.nameParts, type: e.type.rawValue, typeName: e.type.chineseName,
            status: e.status.display, statusCode: e.status.rawValue, authority: e.authority.description,
            authorityName: RegionTable.standard.name(of: e.authority.value), domicile: e.domicile,
            legalRepresentative: e.legalRepresentative.name, registeredCapitalYuan: e.registeredCapitalYuan,
            businessScope: e.businessScope, industryCode: e.industry.rawValue,
            industryName: IndustryTable.standard.entry(e.industry.rawValue)?.name, establishedOn: e.establishedOn.description,
            operatingTermEnd: e.operatingTermEnd?.description, statusChangedOn: e.statusChangedOn?.description,
            suspendedUntil: e.suspendedUntil?.description)
        licenses = dossier.licenses.map {
            License(version: $0.version, issuedOn: $0.issuedOn.description, name: $0.name, legalRepresentative: $0.legalRepresentative,
                    registeredCapitalYuan: $0.registeredCapitalYuan, domicile: $0.domicile, businessScope: $0.businessScope)
        }
        tax = dossier.tax.map {
            Tax(taxAuthority: $0.taxAuthority, financeOfficer: $0.financeOfficer.name, taxHandler: $0.taxHandler.name,
                accountingMethod: $0.accountingMethod.display, headcount: $0.headcount, registeredOn: $0.registeredOn.description)
        }
        statistics = dossier.statistics.map {
            Statistics(industryCode: $0.industry.rawValue, mainActivity: $0.mainActivity, employees: $0.employees,
                       registeredOn: $0.registeredOn.description)
        }
        // While a correction order is open the registered name stays out of public view (办法 第32条).
        names = e.nameShownAsCode ? [] : dossier.names.map { Name(name: $0.name, validFrom: $0.validFrom.description, validTo: $0.validTo?.description) }
    }
}
