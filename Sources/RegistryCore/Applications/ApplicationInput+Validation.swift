extension ApplicationInput {
    /// Validates the application against `today`, the entity it concerns (`entity`, looked up by
    /// `entityCode`, with its `standing`) and the reservation it names; every invalid field is reported at once.
    public func validate(today: CalendarDate, entity: MarketEntity?, reservation: ReservationLookup,
                         standing: EntityStanding = .none) -> Result<ApplicationRequest, FormErrors> {
        guard let kind = parsedKind else {
            return .failure(FormErrors([FormError(field: "/kind", code: "invalid",
                                                  message: "kind is one of \(Application.Kind.allCases.map(\.rawValue).joined(separator: ", "))")]))
        }
        var check = FieldCheck(today: today)
        let request: ApplicationRequest?
        switch kind {
        case .establishment:
            return establishment.validate(today: today, reservation: reservation).map(ApplicationRequest.establishment)
        case .change:
            if let change { request = check.change(change, entity: entity, reservation: reservation).map(ApplicationRequest.change) } else {
                check.fail("/change", "required", "a change application needs the change part")
                request = nil
            }
        case .deregistration:
            if let deregistration {
                request = check.deregistration(deregistration, entity: entity, standing: standing).map(ApplicationRequest.deregistration)
            } else {
                check.fail("/deregistration", "required", "a deregistration application needs the deregistration part")
                request = nil
            }
        case .suspension, .resumption, .liquidation:
            let action = kind.filedAction ?? .suspension  // always set for these three kinds
            if let filing = filing(action) {
                request = check.statusFiling(action, filing, entity: entity).map(ApplicationRequest.statusFiling)
            } else {
                check.fail("/\(action.rawValue)", "required", "a \(action.rawValue) application needs the \(action.rawValue) part")
                request = nil
            }
        }
        guard check.errors.isEmpty, let request else { return .failure(FormErrors(check.errors)) }
        return .success(request)
    }
}

extension FieldCheck {
    /// The entity a change or deregistration names: it must exist.
    mutating func entity(_ code: String?, _ entity: MarketEntity?, field: String) -> MarketEntity? {
        guard let code, !code.isEmpty else { fail(field, "required", "the entity's unified social credit code is required"); return nil }
        guard let entity else { fail(field, "not-found", "no entity in this registry has the code “\(code.prefix(30))”"); return nil }
        return entity
    }

    mutating func date(_ text: String?, _ field: String, what: String) -> CalendarDate? {
        guard let text else { return nil }
        guard let date = CalendarDate(iso: text) else { fail(field, "invalid", "\(what) is a date, YYYY-MM-DD"); return nil }
        return date
    }
}
