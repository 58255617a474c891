extension ApplicationFormInput {
    /// Largest registered capital accepted (10^14 yuan): anything above is a typing error.
    public static let capitalLimit: Int64 = 100_000_000_000_000

    /// Validates the whole form and reports every invalid field (一次性告知); `today` bounds birth dates and the
    /// operating term, `reservation` is what the registry holds for `market.reservationId`.
    public func validate(today: CalendarDate, reservation: ReservationLookup) -> Result<ApplicationForm, FormErrors> {
        var check = FieldCheck(today: today)
        let market = self.market.flatMap { check.market($0, reservation: reservation) }
        if self.market == nil { check.fail("/market", "required", "the market part is required") }
        let tax = self.tax.flatMap { check.tax($0) }
        if self.tax == nil { check.fail("/tax", "required", "the tax part is required") }
        let statistics = self.statistics.flatMap { check.statistics($0) }
        if self.statistics == nil { check.fail("/statistics", "required", "the statistics part is required") }
        guard check.errors.isEmpty, let market, let tax, let statistics else { return .failure(FormErrors(check.errors)) }
        return .success(ApplicationForm(market: market, tax: tax, statistics: statistics))
    }
}

/// Collects field errors while reading a form.
struct FieldCheck {
    let today: CalendarDate
    var errors: [FormError] = []

    static func isBlank(_ character: Character) -> Bool {
        character == " " || character == "\u{3000}" || character == "\t"
    }

    mutating func fail(_ field: String, _ code: String, _ message: String) {
        errors.append(FormError(field: field, code: code, message: message))
    }

    /// A required text of `range` characters, trimmed.
    mutating func text(_ value: String?, _ field: String, _ range: ClosedRange<Int>, what: String) -> String? {
        let trimmed = String((value ?? "")[...].trimmingPrefixAndSuffix(while: FieldCheck.isBlank))
        guard !trimmed.isEmpty else { fail(field, "required", "\(what) is required"); return nil }
        guard range.contains(trimmed.count) else {
            fail(field, trimmed.count > range.upperBound ? "too-long" : "too-short",
                 "\(what) has \(trimmed.count) characters; \(range.lowerBound)–\(range.upperBound) are accepted")
            return nil
        }
        return trimmed
    }

    mutating func person(_ input: ApplicationFormInput.PersonInput?, _ field: String, what: String) -> Person? {
        guard let input else { fail(field, "required", "\(what) is required"); return nil }
        let name = text(input.name, field + "/name", 2...30, what: "\(what)'s name")
        if let name, name.unicodeScalars.contains(where: { ("0"..."9").contains($0) || ("A"..."Z").contains($0) || ("a"..."z").contains($0)
            || ("\u{FF10}"..."\u{FF5A}").contains($0) }) {
            fail(field + "/name", "invalid", "\(what)'s name may not contain digits or Latin letters")
        }
        let id = identity(input.idNumber, field + "/idNumber", what: what)
        guard let name, let id else { return nil }
        return Person(name: name, idNumber: id.rawValue)
    }

    mutating func identity(_ value: String?, _ field: String, what: String) -> ResidentID? {
        guard let value, !value.isEmpty else { fail(field, "required", "\(what)'s identity number is required"); return nil }
        switch ResidentID.validate(value, today: today) {
        case .success(let id): return id
        case .failure(let problem): fail(field, "invalid", "“\(value.prefix(40))” is not a valid identity number: \(problem.message)"); return nil
        }
    }

    mutating func industry(_ value: String?, _ field: String) -> IndustryCode? {
        guard let value, !value.isEmpty else { fail(field, "required", "the GB/T 4754 industry code is required"); return nil }
        guard let code = IndustryCode(value), code.rawValue.count == 4 else {
            fail(field, "invalid", "“\(value.prefix(20))” is not a GB/T 4754-2017 小类 (four digits)")
            return nil
        }
        return code
    }

    mutating func count(_ value: Int?, _ field: String, what: String) -> Int? {
        guard let value else { fail(field, "required", "\(what) is required"); return nil }
        guard (0...10_000_000).contains(value) else { fail(field, "invalid", "\(what) must be between 0 and 10,000,000"); return nil }
        return value
    }

    mutating func tax(_ input: ApplicationFormInput.Tax) -> ApplicationForm.TaxPart? {
        let finance = person(input.financeOfficer, "/tax/financeOfficer", what: "the finance officer")
        let handler = person(input.taxHandler, "/tax/taxHandler", what: "the tax handler")
        var method: AccountingMethod?
        if let text = input.accountingMethod {
            method = AccountingMethod(rawValue: text)
            if method == nil { fail("/tax/accountingMethod", "invalid", "“\(text.prefix(30))” is not independent or non-independent") }
        } else {
            fail("/tax/accountingMethod", "required", "the accounting method (independent or non-independent) is required")
        }
        let headcount = count(input.headcount, "/tax/headcount", what: "the headcount")
        guard let finance, let handler, let method, let headcount else { return nil }
        return ApplicationForm.TaxPart(financeOfficer: finance, taxHandler: handler, accountingMethod: method, headcount: headcount)
    }

    mutating func statistics(_ input: ApplicationFormInput.Statistics) -> ApplicationForm.StatisticsPart? {
        let industry = industry(input.industry, "/statistics/industry")
        let activity = text(input.mainActivity, "/statistics/mainActivity", 2...200, what: "the main activity")
        let employees = count(input.employees, "/statistics/employees", what: "the number of employees")
        guard let industry, let activity, let employees else { return nil }
        return ApplicationForm.StatisticsPart(industry: industry, mainActivity: activity, employees: employees)
    }
}
