extension FieldCheck {
    /// How many investors a type takes (公司法 2023 第42、92条; 合伙企业法 第14条; 个人独资企业法 第2条;
    /// 农民专业合作社法 第12条), and what they are called.
    static func investorBounds(_ type: EntityType) -> (range: ClosedRange<Int>, word: String) {
        switch type {
        case .llc: (1...50, "shareholders (股东)")
        case .jointStock: (1...200, "promoters (发起人)")
        case .partnership: (2...10_000, "partners (合伙人)")
        case .soleProprietorship: (1...1, "investor (投资人)")
        case .cooperative: (5...100_000, "members (成员)")
        case .individual, .branch: (0...0, "investors")
        }
    }

    mutating func investors(_ inputs: [ApplicationFormInput.InvestorInput]?, type: EntityType?, capital: Int64?,
                            representative: Person?) -> [ApplicationForm.Investor]? {
        let field = "/market/investors"
        let inputs = inputs ?? []
        guard let type else { return nil }
        let bounds = Self.investorBounds(type)
        if type == .individual {
            if !inputs.isEmpty { fail(field, "not-allowed", "a 个体工商户 has an operator, not investors; leave investors out") }
            return inputs.isEmpty ? [] : nil
        }
        guard bounds.range.contains(inputs.count) else {
            let expected = bounds.range.count == 1 ? "exactly \(bounds.range.lowerBound)" : "\(bounds.range.lowerBound) to \(bounds.range.upperBound)"
            fail(field, inputs.isEmpty ? "required" : "invalid", "a \(type.chineseName) has \(expected) \(bounds.word); \(inputs.count) given")
            return nil
        }
        var investors: [ApplicationForm.Investor] = []
        var seen = Set<String>()
        var valid = true
        for (index, input) in inputs.enumerated() {
            guard let investor = investor(input, "\(field)/\(index)", type: type) else { valid = false; continue }
            if !seen.insert(investor.identifier).inserted {
                fail("\(field)/\(index)", "duplicate", "the same investor is listed twice")
                valid = false
            }
            investors.append(investor)
        }
        guard valid else { return nil }
        if let capital {
            let total = investors.reduce(Int64(0)) { $0 &+ $1.contributionYuan }
            if total != capital {
                fail(field, "mismatch", "the contributions add up to \(total) yuan, not the registered capital of \(capital)")
                valid = false
            }
        }
        if type == .soleProprietorship, let representative, investors.first?.identifier != representative.idNumber {
            fail(field + "/0", "mismatch", "a 个人独资企业's investor is its legal representative (投资人)")
            valid = false
        }
        if type == .partnership, let representative, !investors.contains(where: { $0.identifier == representative.idNumber }) {
            fail("/market/legalRepresentative", "mismatch", "the managing partner (执行事务合伙人) must be one of the partners")
            valid = false
        }
        return valid ? investors : nil
    }

    mutating func investor(_ input: ApplicationFormInput.InvestorInput, _ field: String, type: EntityType) -> ApplicationForm.Investor? {
        let name = text(input.name, field + "/name", 2...100, what: "the investor's name")
        var identifier: String?
        switch (input.idNumber, input.creditCode) {
        case (let id?, nil):
            identifier = identity(id, field + "/idNumber", what: "the investor")?.rawValue
        case (nil, let code?):
            if type == .soleProprietorship {
                fail(field + "/creditCode", "not-allowed", "a 个人独资企业's investor is a natural person")
            } else if let valid = try? CreditCode(validating: code) {
                identifier = valid.rawValue
            } else {
                fail(field + "/creditCode", "invalid", "“\(code.prefix(30))” is not a valid unified social credit code")
            }
        case (nil, nil):
            fail(field, "required", "an investor needs an idNumber (a person) or a creditCode (an entity)")
        case (_?, _?):
            fail(field, "invalid", "give an idNumber or a creditCode, not both")
        }
        var contribution: Int64?
        if let value = input.contributionYuan {
            if value >= 0 && value <= ApplicationFormInput.capitalLimit { contribution = value } else {
                fail(field + "/contributionYuan", "invalid", "a contribution is between 0 and \(ApplicationFormInput.capitalLimit) yuan")
            }
        } else {
            fail(field + "/contributionYuan", "required", "the subscribed contribution in yuan is required")
        }
        guard let name, let identifier, let contribution else { return nil }
        return ApplicationForm.Investor(name: name, identifier: identifier, contributionYuan: contribution)
    }
}
