extension FieldCheck {
    mutating func market(_ input: ApplicationFormInput.Market, reservation: ReservationLookup) -> ApplicationForm.MarketPart? {
        let type = entityType(input.type)
        let authority = authority(input.authority)
        let name = name(input, type: type, authority: authority, reservation: reservation)
        let domicile = text(input.domicile, "/market/domicile", 4...200, what: "the domicile")
        let representative = person(input.legalRepresentative, "/market/legalRepresentative", what: "the legal representative")
        let capital = capital(input.registeredCapitalYuan, type: type)
        let scope = text(input.businessScope, "/market/businessScope", 2...2_000, what: "the business scope")
        let industry = industry(input.industry, "/market/industry")
        var termEnd: CalendarDate?
        if let text = input.operatingTermEnd {
            termEnd = CalendarDate(iso: text)
            if termEnd == nil {
                fail("/market/operatingTermEnd", "invalid", "“\(text.prefix(20))” is not a date (YYYY-MM-DD); leave it out for 长期")
            } else if let end = termEnd, end <= today {
                fail("/market/operatingTermEnd", "invalid", "the operating term must end after today (\(today))")
                termEnd = nil
            }
        }
        let investors = investors(input.investors, type: type, capital: capital, representative: representative)
        guard let type, let authority, let name, let domicile, let representative, let scope, let industry, let investors,
              input.operatingTermEnd == nil || termEnd != nil, type == .individual || capital != nil else { return nil }
        return ApplicationForm.MarketPart(
            name: name, reservationID: input.reservationId, type: type, authority: authority, domicile: domicile,
            legalRepresentative: representative, registeredCapitalYuan: capital, businessScope: scope, industry: industry,
            operatingTermEnd: termEnd, investors: investors, nameCommitment: input.nameCommitment == true)
    }

    mutating func entityType(_ value: String?) -> EntityType? {
        guard let value else { fail("/market/type", "required", "the entity type is required"); return nil }
        guard let type = EntityType(rawValue: value) else {
            fail("/market/type", "invalid", "unknown entity type “\(value.prefix(30))”; one of \(EntityType.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        guard type != .branch else {
            fail("/market/type", "not-allowed", "a branch (分支机构) is registered with its parent's filing, not on the establishment form")
            return nil
        }
        return type
    }

    mutating func authority(_ value: String?) -> RegionCode? {
        guard let value else { fail("/market/authority", "required", "the registering authority's region code is required"); return nil }
        guard let code = RegionCode(value), let row = RegionTable.standard.current(code.value), !row.isGrouping else {
            fail("/market/authority", "invalid", "“\(value.prefix(20))” is not the six-digit code of a current region")
            return nil
        }
        return code
    }

    mutating func name(_ input: ApplicationFormInput.Market, type: EntityType?, authority: RegionCode?,
                       reservation: ReservationLookup) -> String? {
        switch reservation {
        case .none:
            return text(input.name, "/market/name", 1...200, what: "the name (or a reservationId)")
        case .missing:
            fail("/market/reservationId", "not-found", "no name reservation has the id “\((input.reservationId ?? "").prefix(50))”")
            return nil
        case .found(let reserved):
            var fine = true
            if reserved.state(on: today) != .active {
                fail("/market/reservationId", "not-active", "the reservation is \(reserved.state(on: today).rawValue), not active")
                fine = false
            }
            if let given = input.name, given[...].trimmingPrefixAndSuffix(while: { $0 == " " }) != reserved.name {
                fail("/market/name", "mismatch", "the name differs from the reserved name “\(reserved.name)”")
                fine = false
            }
            if let type, type != reserved.type {
                fail("/market/type", "mismatch", "the name was reserved for type \(reserved.type.rawValue)")
                fine = false
            }
            if let authority, authority != reserved.authority {
                fail("/market/authority", "mismatch", "the name was reserved with authority \(reserved.authority)")
                fine = false
            }
            return fine ? reserved.name : nil
        }
    }

    mutating func capital(_ value: Int64?, type: EntityType?) -> Int64? {
        let field = "/market/registeredCapitalYuan"
        if type == .individual {
            if value != nil { fail(field, "not-allowed", "a 个体工商户 registers no capital") }
            return nil
        }
        guard let value else {
            fail(field, "required", "the registered capital (出资额) in yuan is required")
            return nil
        }
        guard value > 0, value <= ApplicationFormInput.capitalLimit else {
            fail(field, "invalid", "the registered capital must be between 1 and \(ApplicationFormInput.capitalLimit) yuan")
            return nil
        }
        return value
    }
}
