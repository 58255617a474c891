import Foundation
import RegistryCore

extension CompletionPlan {
    /// The completion of `application` on `day`: the re-check of any name it registers with `rules` and
    /// `conflicts` (its own reservation and, for a rename, the entity itself do not count against it), and what
    /// it writes.
    public init(for application: Application, rules: NameRuleChecker, conflicts: NameConflictChecker, day: CalendarDate) {
        switch application.request {
        case .establishment(let form):
            let market = form.market
            let request = NameCheckRequest(name: market.name, type: market.type, industry: market.industry, authority: market.authority,
                                           parentName: nil, relatedCodes: Self.investorCodes(form))
            let (check, parts) = Self.recheck(request, rules: rules, conflicts: conflicts, day: day, reservation: market.reservationID, entity: nil)
            let draft = EntityDraft(
                name: market.name, nameParts: parts, type: market.type, authority: market.authority, domicile: market.domicile,
                legalRepresentative: market.legalRepresentative, registeredCapitalYuan: market.registeredCapitalYuan,
                businessScope: market.businessScope, industry: market.industry, establishedOn: day, operatingTermEnd: market.operatingTermEnd,
                tax: TaxRegistration(taxAuthority: ApplicationForm.taxOffice(for: market.authority), financeOfficer: form.tax.financeOfficer,
                                     taxHandler: form.tax.taxHandler, accountingMethod: form.tax.accountingMethod,
                                     headcount: form.tax.headcount, registeredOn: day),
                statistics: StatisticsRegistration(industry: form.statistics.industry, mainActivity: form.statistics.mainActivity,
                                                   employees: form.statistics.employees, registeredOn: day))
            self.init(nameCheck: check, draft: draft, newNameParts: nil, day: day)
            searchDocument = draft.searchDocument
            // The last sequence number: no registry reaches it, so the code occurs nowhere else in the JSON.
            if let placeholder = try? CodeAllocator.creditCode(type: draft.type, authority: draft.authority, sequence: CodeAllocator.capacity - 1),
               case let json = ChangeFeedJSON.encode(draft.dossier(code: placeholder)) {
                // Split once here: the writer only joins the pieces around the allocated code (Foundation's
                // replacingOccurrences cost ~0.09 ms inside the single writer, and its components(separatedBy:)
                // as much outside it).
                registrationFeed = (Self.pieces(of: json, around: placeholder.rawValue), placeholder)
            }
        case .change(let form):
            guard let name = form.name else {
                self.init(nameCheck: nil, draft: nil, newNameParts: nil, day: day)
                return
            }
            let request = NameCheckRequest(name: name, type: form.type, industry: form.industry, authority: form.authority,
                                           parentName: nil, relatedCodes: [form.code])
            let (check, parts) = Self.recheck(request, rules: rules, conflicts: conflicts, day: day, reservation: form.reservationID, entity: form.code)
            self.init(nameCheck: check, draft: nil, newNameParts: parts, day: day)
        case .deregistration, .statusFiling:
            self.init(nameCheck: nil, draft: nil, newNameParts: nil, day: day)
        }
    }

    static func recheck(_ request: NameCheckRequest, rules: NameRuleChecker, conflicts: NameConflictChecker, day: CalendarDate,
                        reservation: String?, entity: CreditCode?) -> (NameRecheck, NameParts) {
        let (parsed, findings) = rules.check(request)
        let query = NameCandidateQuery(parsed: parsed, industry: request.industry, authority: request.authority, today: day, policy: rules.policy)
        let check = NameRecheck(query: query) { candidates in
            let others = candidates.filter { candidate in
                (reservation == nil || candidate.reservationID != reservation) && (entity == nil || candidate.code != entity)
            }
            return NameCheckResult(findings: findings, conflicts: conflicts.conflicts(of: parsed, request, with: others, on: day), parse: parsed)
        }
        return (check, parsed.parts)
    }

    /// Investors that are entities: sharing a 字号 with them is allowed (规定 第17条's exceptions).
    public static func investorCodes(_ form: ApplicationForm) -> Set<CreditCode> {
        Set(form.market.investors.compactMap { try? CreditCode(validating: $0.identifier) })
    }
}

/// The JSON of change-feed values (`ChangeFeedValues`): keys sorted, `/` unescaped, UTF-8 (the same in every backend).
public enum ChangeFeedJSON {
    /// `dossier` as change-feed JSON (`StoredJSON`'s bytes, written directly: see `DossierJSON`), for an entity with no
    /// register records (a new one).
    public static func encode(_ dossier: EntityDossier) -> String {
        DossierJSON.encode(dossier)
    }

    /// `dossier` and the entity's `registers` as change-feed JSON: the dossier's own JSON when the registers are empty.
    public static func encode(_ dossier: EntityDossier, registers: EntityRegisters) throws(StoreError) -> String {
        guard !registers.isEmpty else { return DossierJSON.encode(dossier) }
        do {
            return try StoredJSON.encode(ChangeFeedValues(dossier: dossier, registers: registers))
        } catch {
            throw StoreError.backend("change-feed values of \(dossier.entity.code.rawValue) not encodable: \(error)")
        }
    }
}

/// The JSON every backend stores (application forms, review reasons, change-feed values): keys sorted, `/`
/// unescaped, UTF-8 — byte for byte the same in SQLite and PostgreSQL, so data moves between them unchanged.
public enum StoredJSON {
    /// `value` as stored JSON.
    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Strings as stored JSON (the same bytes as `encode`, written directly).
    public static func encode(_ strings: [String]) -> String {
        JSONArrays.of(strings)
    }

    /// A value from stored JSON.
    public static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(text.utf8))
    }
}

extension CompletionPlan {
    /// The reasons a completion's name re-check returns the application with (reviewer `system`), or nil when the
    /// name still passes.
    public static func recheckReturnReasons(_ check: NameCheckResult) -> [String]? {
        guard !check.verdict.allowsReservation else { return nil }
        return ["名称复核未通过"] + check.findings.filter { $0.severity == .reject }.map(\.message)
            + check.conflicts.filter { $0.severity == .block }.map(\.message)
    }

    /// `text` cut at every occurrence of `separator` (UTF-8 bytes compared; `pieces.joined(separator:)` restores it).
    static func pieces(of text: String, around separator: String) -> [String] {
        let bytes = Array(text.utf8), needle = Array(separator.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return [text] }
        var pieces: [String] = []
        var start = 0, index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0] && bytes[index..<(index + needle.count)].elementsEqual(needle) {
                pieces.append(String(decoding: bytes[start..<index], as: UTF8.self))
                index += needle.count
                start = index
            } else {
                index += 1
            }
        }
        pieces.append(String(decoding: bytes[start...], as: UTF8.self))
        return pieces
    }

    /// The change-feed values of `application`'s completion: the establishment's prepared JSON with its new code, or
    /// the entity as it now stands.
    public func feedValues(of application: Application, code: CreditCode, dossier: EntityDossier) -> String {
        if let feed = registrationFeed, case .establishment = application.request {
            return feed.pieces.joined(separator: code.rawValue)
        }
        return ChangeFeedJSON.encode(dossier)
    }
}

/// What the name indexes store besides the names themselves.
public enum NameIndexTerms {
    /// The distinct proper substrings of length ≥ 2 of a 字号 key (none for a 2-character 字号): which longer 字号
    /// contain a given one is then an index lookup (W-CONTAINS).
    public static func zihaoGrams(of zihaoKey: String) -> [String] {
        let characters = Array(zihaoKey)
        guard characters.count > 2 else { return [] }
        var grams = Set<String>()
        for length in 2..<characters.count {
            for start in 0...(characters.count - length) { grams.insert(String(characters[start..<(start + length)])) }
        }
        return grams.sorted()
    }
}
