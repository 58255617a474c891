import RegistryCore
import RegistryStore

/// A column value ready to bind.
enum ColumnValue: Sendable {
    case text(String)
    case integer(Int64)
    case null

    init(_ text: String?) { self = text.map(ColumnValue.text) ?? .null }
    init(_ number: Int64?) { self = number.map(ColumnValue.integer) ?? .null }
    init(_ number: Int) { self = .integer(Int64(number)) }
}

/// Every row one dossier becomes, with every value computed: the expensive part of a write that
/// can run off the writer thread (bulk imports prepare the next batch while the writer binds this one).
struct PreparedDossier: Sendable {
    let id: Int64
    let key: Int64
    let entity: [ColumnValue]
    let licenses: [[ColumnValue]]
    let tax: [ColumnValue]?
    let statistics: [ColumnValue]?
    let names: [[ColumnValue]]
    /// The `former_name_keys` rows of the names that have ended.
    let formerNameKeys: [[ColumnValue]]
    /// The 字号 in search form and the authority (for `zihao_grams`).
    let zihaoKey: String
    let authority: String
    let document: String
    /// The document's 2-character tokens, prepared only for a bulk load into an empty index (`SearchIndexWriter.bulkAdd`);
    /// every other write queues the document, and the queue derives the tokens when it indexes it.
    let bigrams: String?
    /// The allocator sequence of the code's identifier, when it has one.
    let sequence: Int?

    /// The rows of `dossier` under `id`; `searchDocument`, when given, is its names' search document, prepared elsewhere.
    /// `forBulkIndex` prepares the bigram tokens as well.
    init(_ dossier: EntityDossier, id: Int64, tables: HanTables = .standard, searchDocument: String? = nil, forBulkIndex: Bool = false) {
        let entity = dossier.entity
        let zihao = entity.nameParts.zihao
        self.id = id
        key = EntityWriter.searchKey(id: id, entity: entity)
        zihaoKey = SearchText.normalize(zihao, tables: tables)
        authority = entity.authority.description
        self.entity = [
            .integer(id), .text(entity.code.rawValue), .text(entity.code.organizationCode.rawValue), .text(entity.name), .text(zihao),
            .text(entity.nameParts.region), .text(entity.nameParts.industry), .text(entity.nameParts.form),
            .text(zihaoKey), .text(tables.pinyinKey(zihao)), .text(tables.initialsKey(zihao)),
            .text(entity.type.rawValue), .text(entity.status.display), .text(entity.authority.description), .text(entity.domicile),
            .text(entity.legalRepresentative.name), .text(entity.legalRepresentative.idNumber), ColumnValue(entity.registeredCapitalYuan),
            .text(entity.businessScope), .text(entity.industry.rawValue), .text(EntityWriter.section(of: entity.industry)),
            .text(entity.establishedOn.description), ColumnValue(entity.operatingTermEnd?.description),
            ColumnValue(entity.statusChangedOn?.description), .integer(entity.nameShownAsCode ? 1 : 0), .integer(key),
            ColumnValue(entity.suspendedUntil?.description),
        ]
        licenses = dossier.licenses.map { Self.license($0, entityID: id) }
        tax = dossier.tax.map {
            [.integer(id), .text($0.taxAuthority), .text($0.financeOfficer.name), .text($0.financeOfficer.idNumber), .text($0.taxHandler.name),
             .text($0.taxHandler.idNumber), .text($0.accountingMethod.rawValue), ColumnValue($0.headcount), .text($0.registeredOn.description)]
        }
        statistics = dossier.statistics.map {
            [.integer(id), .text($0.industry.rawValue), .text($0.mainActivity), ColumnValue($0.employees), .text($0.registeredOn.description)]
        }
        names = dossier.names.map { Self.name($0, entityID: id, authority: entity.authority) }
        formerNameKeys = dossier.names.flatMap { name in
            name.validTo.map {
                FormerNameKeys.rows(authority: entity.authority.description, validTo: $0.description, entityID: id,
                                    validFrom: name.validFrom.description, name: name.name, zihao: name.zihao)
            } ?? []
        }
        document = searchDocument ?? SearchText.document(names: dossier.names.map(\.name), tables: tables)
        bigrams = forBulkIndex ? SearchText.bigramTokens(ofDocument: document) : nil
        sequence = CodeAllocator.sequence(ofSubjectIdentifier: entity.code.organizationCode.rawValue)
    }

    /// The document's counted terms, packed (bulk loads count them; see `SearchText.countedTerms`).
    var terms: Set<SearchText.PackedTerm> { SearchText.packedTerms(ofDocument: document) }

    static func license(_ license: BusinessLicense, entityID: Int64) -> [ColumnValue] {
        [.integer(entityID), ColumnValue(license.version), .text(license.issuedOn.description), .text(license.name),
         .text(license.type.rawValue), .text(license.legalRepresentative), ColumnValue(license.registeredCapitalYuan),
         .text(license.domicile), .text(license.businessScope), .text(license.authority.description), .text(license.establishedOn.description)]
    }

    static func name(_ record: NameRecord, entityID: Int64, authority: RegionCode) -> [ColumnValue] {
        [.integer(entityID), .text(record.name), .text(SearchText.normalize(record.name)), .text(record.zihao),
         .text(record.validFrom.description), ColumnValue(record.validTo?.description), .text(authority.description)]
    }
}
