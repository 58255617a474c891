extension FieldCheck {
    mutating func change(_ input: ChangeInput, entity found: MarketEntity?, reservation: ReservationLookup) -> ChangeForm? {
        guard let entity = entity(input.code, found, field: "/change/code") else { return nil }
        guard entity.status == .active else {
            fail("/change/code", "wrong-status", "\(entity.code) is \(entity.status.display); only an existing (存续) entity registers changes")
            return nil
        }
        var name: String?
        switch reservation {
        case .none:
            if input.name != nil { name = text(input.name, "/change/name", 1...200, what: "the new name") }
        case .missing:
            fail("/change/reservationId", "not-found", "no name reservation has the id “\((input.reservationId ?? "").prefix(50))”")
        case .found(let reserved):
            if reserved.state(on: today) != .active {
                fail("/change/reservationId", "not-active", "the reservation is \(reserved.state(on: today).rawValue), not active")
            } else if reserved.authority != entity.authority || reserved.type != entity.type {
                fail("/change/reservationId", "mismatch", "the name was reserved for another type or authority")
            } else if let given = input.name, given != reserved.name {
                fail("/change/name", "mismatch", "the name differs from the reserved name “\(reserved.name)”")
            } else {
                name = reserved.name
            }
        }
        if let new = name, new == entity.name { fail("/change/name", "unchanged", "the entity already has this name"); name = nil }
        var domicile = input.domicile == nil ? nil : text(input.domicile, "/change/domicile", 4...200, what: "the new domicile")
        if domicile != nil, domicile == entity.domicile { fail("/change/domicile", "unchanged", "the domicile is already this"); domicile = nil }
        var representative = input.legalRepresentative == nil ? nil
            : person(input.legalRepresentative, "/change/legalRepresentative", what: "the new legal representative")
        if let new = representative, new == entity.legalRepresentative {
            fail("/change/legalRepresentative", "unchanged", "this person is already the legal representative")
            representative = nil
        }
        if entity.type == .individual, input.legalRepresentative != nil {
            fail("/change/legalRepresentative", "not-allowed",
                 "a 个体工商户's operator cannot change: the old one deregisters and the new one registers (细则 第38条)")
        }
        let capital = changedCapital(input, entity: entity)
        var scope = input.businessScope == nil ? nil : text(input.businessScope, "/change/businessScope", 2...2_000, what: "the new business scope")
        if scope != nil, scope == entity.businessScope { fail("/change/businessScope", "unchanged", "the business scope is already this"); scope = nil }
        let form = ChangeForm(code: entity.code, currentName: entity.name, type: entity.type, authority: entity.authority,
                              industry: entity.industry, name: name, reservationID: input.reservationId, domicile: domicile,
                              legalRepresentative: representative, registeredCapitalYuan: capital, businessScope: scope,
                              nameCommitment: input.nameCommitment == true)
        if errors.isEmpty && form.changedItems.isEmpty {
            fail("/change", "required", "a change names at least one item: name, domicile, legalRepresentative, registeredCapitalYuan, businessScope")
        }
        return errors.isEmpty ? form : nil
    }

    mutating func changedCapital(_ input: ChangeInput, entity: MarketEntity) -> Int64? {
        guard let value = input.registeredCapitalYuan else { return nil }
        let field = "/change/registeredCapitalYuan"
        guard entity.type != .individual else { fail(field, "not-allowed", "a 个体工商户 registers no capital"); return nil }
        guard value > 0, value <= ApplicationFormInput.capitalLimit else {
            fail(field, "invalid", "the registered capital must be between 1 and \(ApplicationFormInput.capitalLimit) yuan")
            return nil
        }
        guard value != entity.registeredCapitalYuan else { fail(field, "unchanged", "the registered capital is already \(value) yuan"); return nil }
        if let current = entity.registeredCapitalYuan, value < current {
            // A reduction is registered only after its 45-day public notice (细则 第36条).
            guard let from = date(input.capitalReductionNoticeFrom, "/change/capitalReductionNoticeFrom", what: "the notice's first day") else {
                if input.capitalReductionNoticeFrom == nil {
                    fail("/change/capitalReductionNoticeFrom", "required", "a capital reduction needs the first day of its 45-day public notice")
                }
                return nil
            }
            guard today >= from.adding(days: 45) else {
                fail("/change/capitalReductionNoticeFrom", "too-early", "the 45-day notice from \(from) ends on \(from.adding(days: 44)); apply after it")
                return nil
            }
        }
        return value
    }

    /// `standing` holds the entity's listings on the 经营异常名录 in force and its latest 简易注销 notice.
    mutating func deregistration(_ input: DeregistrationInput, entity found: MarketEntity?, standing: EntityStanding) -> DeregistrationForm? {
        let entity = entity(input.code, found, field: "/deregistration/code")
        var mode: DeregistrationForm.Mode?
        if let text = input.mode {
            mode = DeregistrationForm.Mode(rawValue: text)
            if mode == nil { fail("/deregistration/mode", "invalid", "mode is ordinary or simplified") }
        } else {
            fail("/deregistration/mode", "required", "mode (ordinary or simplified) is required")
        }
        let reason = text(input.reason, "/deregistration/reason", 2...500, what: "the reason")
        guard let entity, let mode else { return nil }
        let individual = entity.type == .individual
        var noticeFrom: CalendarDate?
        var liquidation: CalendarDate?
        switch mode {
        case .ordinary:
            if !DeregistrationForm.allows(.ordinary, from: entity.status, listed: false) {
                fail("/deregistration/code", "wrong-status", "\(entity.code) is \(entity.status.display); it cannot be deregistered")
            }
            if !individual && input.taxCleared != true {
                fail("/deregistration/taxCleared", "required", "an ordinary deregistration needs the tax clearance (清税证明)")
            }
            liquidation = date(input.liquidationEndedOn, "/deregistration/liquidationEndedOn", what: "the end of the liquidation")
            if let day = liquidation, day > today { fail("/deregistration/liquidationEndedOn", "invalid", "the liquidation cannot end in the future") }
            // An entity in liquidation (清算) deregisters once the liquidation has ended (细则 第44条).
            if entity.status == .liquidating {
                if input.liquidationEndedOn == nil {
                    fail("/deregistration/liquidationEndedOn", "required", "\(entity.code) is in liquidation: give the day the liquidation ended")
                } else if let day = liquidation, let began = entity.statusChangedOn, day < began {
                    fail("/deregistration/liquidationEndedOn", "invalid", "the liquidation began on \(began); it cannot end before that")
                }
            }
        case .simplified:
            if entity.status != .active {
                fail("/deregistration/mode", "not-allowed",
                     "\(entity.code) is \(entity.status.display): simplified deregistration is excluded (条例 第33条; 细则 第48条)")
            } else if let listing = standing.abnormalListings.first {
                fail("/deregistration/mode", "not-allowed",
                     "\(entity.code) is on the 经营异常名录 since \(listing.listedOn) (\(listing.reason.display)): simplified deregistration is excluded (条例 第33条; 细则 第48条)")
            }
            if input.investorsCommitment != true {
                fail("/deregistration/investorsCommitment", "required", "simplified deregistration needs every investor's written commitment")
            }
            if !individual {
                noticeFrom = date(input.noticeFrom, "/deregistration/noticeFrom", what: "the notice's first day")
                var timed = true
                if let notice = standing.deregistrationNotice {
                    // A notice filed through this registry is the one that counts.
                    if let objection = notice.objection {
                        fail("/deregistration/noticeFrom", "objected", "the notice of \(notice.from)–\(notice.to) drew an objection from "
                             + "\(objection.party) on \(objection.objectedOn) (\(objection.reason)): simplified deregistration is closed; apply ordinarily")
                        timed = false
                    } else if input.noticeFrom != nil, let given = noticeFrom, given != notice.from {
                        fail("/deregistration/noticeFrom", "mismatch", "the notice recorded for \(entity.code) began on \(notice.from), not \(given)")
                        timed = false
                    }
                    noticeFrom = notice.from
                } else if input.noticeFrom == nil {
                    fail("/deregistration/noticeFrom", "required", "simplified deregistration follows a 20-day public notice: give its first day")
                }
                if timed, let from = noticeFrom {
                    let end = DeregistrationForm.noticeEnd(from: from)
                    if today <= end {
                        fail("/deregistration/noticeFrom", "too-early", "the 20-day notice runs until \(end); apply from \(end.adding(days: 1))")
                    } else if today > end.adding(days: 20) {
                        fail("/deregistration/noticeFrom", "too-late",
                             "the application was due within 20 days after the notice ended (\(end.adding(days: 20))); publish a new notice")
                    }
                }
            }
        }
        guard errors.isEmpty, let reason else { return nil }
        return DeregistrationForm(code: entity.code, currentName: entity.name, type: entity.type, authority: entity.authority, mode: mode,
                                  reason: reason, noticeFrom: noticeFrom, liquidationEndedOn: liquidation)
    }
}
