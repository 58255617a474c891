import RegistryCore

extension CompletionPlan {
    /// The completion of `application` on `day`: the name re-check with `rules` and `conflicts` (the
    /// application's own reservation does not count against it) and the entity the form describes.
    public init(for application: Application, rules: NameRuleChecker, conflicts: NameConflictChecker, day: CalendarDate) {
        let market = application.form.market
        let form = application.form
        let request = NameCheckRequest(name: market.name, type: market.type, industry: market.industry, authority: market.authority,
                                       parentName: nil, relatedCodes: Self.investorCodes(form))
        let (parsed, findings) = rules.check(request)
        let query = NameCandidateQuery(parsed: parsed, industry: market.industry, authority: market.authority, today: day,
                                       policy: rules.policy)
        let own = market.reservationID
        let draft = EntityDraft(
            name: market.name, nameParts: parsed.parts, type: market.type, authority: market.authority, domicile: market.domicile,
            legalRepresentative: market.legalRepresentative, registeredCapitalYuan: market.registeredCapitalYuan,
            businessScope: market.businessScope, industry: market.industry, establishedOn: day, operatingTermEnd: market.operatingTermEnd,
            tax: TaxRegistration(taxAuthority: ApplicationForm.taxOffice(for: market.authority), financeOfficer: form.tax.financeOfficer,
                                 taxHandler: form.tax.taxHandler, accountingMethod: form.tax.accountingMethod,
                                 headcount: form.tax.headcount, registeredOn: day),
            statistics: StatisticsRegistration(industry: form.statistics.industry, mainActivity: form.statistics.mainActivity,
                                               employees: form.statistics.employees, registeredOn: day))
        self.init(query: query, decide: { candidates in
            let others = candidates.filter { own == nil || $0.reservationID != own }
            return NameCheckResult(findings: findings, conflicts: conflicts.conflicts(of: parsed, request, with: others, on: day), parse: parsed)
        }, draft: draft)
    }

    /// Investors that are entities: sharing a 字号 with them is allowed (规定 第17条's exceptions).
    public static func investorCodes(_ form: ApplicationForm) -> Set<CreditCode> {
        Set(form.market.investors.compactMap { try? CreditCode(validating: $0.identifier) })
    }
}
