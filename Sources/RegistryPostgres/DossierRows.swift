import RegistryCore
import RegistryStore

/// Every row one dossier becomes (entity, licenses, registrations, names, 字号 grams, search document and
/// grams), with every value computed; the search terms whose document frequencies change with it.
struct DossierRows: Sendable {
    let id: Int64
    let key: Int64
    let sets: [RowSet]
    let terms: Set<SearchText.PackedTerm>
    /// The document's 5- and 6-character terms (`search_phrase_counts`).
    let phrases: Set<String>
    /// The allocator sequence of the code's identifier, when it has one.
    let sequence: Int?

    static let entityColumns = ["id", "code", "subject_id", "name", "zihao", "name_region", "name_industry", "name_form", "zihao_key",
                                "zihao_pinyin", "zihao_initials", "type", "status", "authority", "domicile", "legal_representative",
                                "legal_representative_id", "registered_capital_yuan", "business_scope", "industry_code", "industry_section",
                                "established_on", "operating_term_end", "status_changed_on", "name_shown_as_code", "search_key",
                                "suspended_until"]
    static let licenseColumns = ["entity_id", "version", "issued_on", "name", "type", "legal_representative", "registered_capital_yuan",
                                 "domicile", "business_scope", "authority", "established_on"]
    static let taxColumns = ["entity_id", "tax_authority", "finance_officer", "finance_officer_id", "tax_handler", "tax_handler_id",
                             "accounting_method", "headcount", "registered_on"]
    static let statisticsColumns = ["entity_id", "industry_code", "main_activity", "employees", "registered_on"]
    static let nameColumns = ["entity_id", "name", "name_key", "zihao", "valid_from", "valid_to", "authority"]

    /// Empty sets for every table, in foreign-key order.
    static func emptySets() -> [RowSet] {
        [RowSet("entities", entityColumns), RowSet("business_licenses", licenseColumns), RowSet("tax_registrations", taxColumns),
         RowSet("statistics_registrations", statisticsColumns), RowSet("name_history", nameColumns),
         RowSet("zihao_grams", ["entity_id", "authority", "gram"]), RowSet("search_documents", ["search_key", "document"]),
         RowSet("search_grams", ["gram", "search_key"])]
    }

    init(_ dossier: EntityDossier, id: Int64, tables: HanTables = .standard) {
        let entity = dossier.entity
        let zihao = entity.nameParts.zihao
        let zihaoKey = SearchText.normalize(zihao, tables: tables)
        let authority = entity.authority.description
        self.id = id
        key = SearchKey.make(entityID: id, active: entity.status.isActive, establishedOn: entity.establishedOn)
        var sets = Self.emptySets()
        sets[0].append([
            .integer(id), .text(entity.code.rawValue), .text(entity.code.organizationCode.rawValue), .text(entity.name), .text(zihao),
            .text(entity.nameParts.region), .text(entity.nameParts.industry), .text(entity.nameParts.form),
            .text(zihaoKey), .text(tables.pinyinKey(zihao)), .text(tables.initialsKey(zihao)),
            .text(entity.type.rawValue), .text(entity.status.display), .text(authority), .text(entity.domicile),
            .text(entity.legalRepresentative.name), .text(entity.legalRepresentative.idNumber), FieldValue(entity.registeredCapitalYuan),
            .text(entity.businessScope), .text(entity.industry.rawValue), .text(Self.section(of: entity.industry)),
            .text(entity.establishedOn.description), FieldValue(entity.operatingTermEnd?.description),
            FieldValue(entity.statusChangedOn?.description), .boolean(entity.nameShownAsCode), .integer(key),
            FieldValue(entity.suspendedUntil?.description),
        ])
        for license in dossier.licenses { sets[1].append(Self.license(license, entityID: id)) }
        if let tax = dossier.tax {
            sets[2].append([.integer(id), .text(tax.taxAuthority), .text(tax.financeOfficer.name), .text(tax.financeOfficer.idNumber),
                            .text(tax.taxHandler.name), .text(tax.taxHandler.idNumber), .text(tax.accountingMethod.rawValue),
                            FieldValue(tax.headcount), .text(tax.registeredOn.description)])
        }
        if let statistics = dossier.statistics {
            sets[3].append([.integer(id), .text(statistics.industry.rawValue), .text(statistics.mainActivity), FieldValue(statistics.employees),
                            .text(statistics.registeredOn.description)])
        }
        for record in dossier.names { sets[4].append(Self.name(record, entityID: id, authority: entity.authority)) }
        for gram in Self.zihaoGrams(of: zihaoKey) { sets[5].append([.integer(id), .text(authority), .text(gram)]) }
        let document = SearchText.document(names: dossier.names.map(\.name), tables: tables)
        sets[6].append([.integer(key), .text(document)])
        for gram in Self.searchGrams(ofDocument: document) { sets[7].append([.text(gram), .integer(key)]) }
        self.sets = sets
        terms = SearchText.packedTerms(ofDocument: document)
        phrases = Self.phrases(ofDocument: document)
        sequence = CodeAllocator.sequence(ofSubjectIdentifier: entity.code.organizationCode.rawValue)
    }

    static func license(_ license: BusinessLicense, entityID: Int64) -> [FieldValue] {
        [.integer(entityID), FieldValue(license.version), .text(license.issuedOn.description), .text(license.name),
         .text(license.type.rawValue), .text(license.legalRepresentative), FieldValue(license.registeredCapitalYuan),
         .text(license.domicile), .text(license.businessScope), .text(license.authority.description), .text(license.establishedOn.description)]
    }

    static func name(_ record: NameRecord, entityID: Int64, authority: RegionCode) -> [FieldValue] {
        [.integer(entityID), .text(record.name), .text(SearchText.normalize(record.name)), .text(record.zihao),
         .text(record.validFrom.description), FieldValue(record.validTo?.description), .text(authority.description)]
    }

    /// The GB/T 4754 门类 of a code.
    static func section(of industry: IndustryCode) -> String {
        IndustryTable.standard.entry(industry.rawValue)?.section ?? String(industry.rawValue.prefix(1))
    }

    /// The 字号's grams (`NameIndexTerms.zihaoGrams`).
    static func zihaoGrams(of zihaoKey: String) -> [String] { NameIndexTerms.zihaoGrams(of: zihaoKey) }

    /// The distinct 5- and 6-character runs of a document's names (no marker inside), and the start terms
    /// (`startCountTerm`) of its names: what `search_phrase_counts` counts.
    static func phrases(ofDocument document: String) -> Set<String> {
        var phrases = Set<String>()
        let scalars = Array(document.unicodeScalars)
        var runStart = 0
        for end in scalars.indices {
            if scalars[end] == SearchText.marker { runStart = end + 1; continue }
            if (1...3).contains(end - runStart) { phrases.insert(startCountTerm(String(String.UnicodeScalarView(scalars[runStart...end])))) }
            for length in 5...6 where end - length + 1 >= runStart {
                phrases.insert(String(String.UnicodeScalarView(scalars[(end - length + 1)...end])))
            }
        }
        return phrases
    }

    /// The key under which `search_phrase_counts` counts documents with a name starting with `start` (2–4
    /// characters): the marker and the characters (no term can contain the marker).
    static func startCountTerm(_ start: String) -> String { String(Character(SearchText.marker)) + start }

    /// Every term whose document frequency the PostgreSQL index keeps (2–6 characters), and the name starts.
    static func countedTerms(ofDocument document: String) -> Set<String> {
        SearchText.countedTerms(ofDocument: document).union(phrases(ofDocument: document))
    }

    /// The distinct bigram tokens of a document (`SearchText.bigramTokens`: plain bigrams, and `p` + the first
    /// two characters of each name for "starts with").
    static func searchGrams(ofDocument document: String) -> [String] {
        Array(Set(SearchText.bigramTokens(ofDocument: document).split(separator: " ").map(String.init))).sorted()
    }
}
