import RegistryCore

/// What a registration decision does to an entity as it is in the recording transaction, given the decisions already
/// recorded on it (oldest first): the same in every backend.
public struct RegistrationDecisionOutcome: Sendable, Hashable {
    /// The entity's status afterwards, and a 歇业 period's last day (nil unless 歇业).
    public var status: EntityStatus
    public var suspendedUntil: CalendarDate?
    /// The change-feed label: `license-revoked`, `registration-revoked` or `revocation-reversed`.
    public var change: String

    /// The outcome of `decision` on `entity`; `invalidState` when the entity's status does not allow it or its day is
    /// before the entity's establishment or last status change, `conflict` when its document number is already recorded.
    public init(of decision: RegistrationDecision, on entity: MarketEntity, recorded: [RegistrationDecision.Record]) throws(StoreError) {
        let code = entity.code
        if recorded.contains(where: { $0.decision.documentNumber == decision.documentNumber }) {
            throw StoreError.conflict("decision \(decision.documentNumber) is already recorded for \(code)")
        }
        let day = decision.decidedOn
        guard day >= entity.establishedOn else {
            throw StoreError.invalidState("the decision of \(day) is before \(code) was established on \(entity.establishedOn)")
        }
        if let changed = entity.statusChangedOn, day < changed {
            throw StoreError.invalidState("the decision of \(day) is before \(code) became \(entity.status.display) on \(changed)")
        }
        let refuse = StoreError.invalidState("\(code) is \(entity.status.display); \(decision.action.display) does not apply to it")
        switch decision.action {
        case .licenseRevocation:
            guard [.active, .suspended].contains(entity.status) else { throw refuse }
            (status, suspendedUntil, change) = (.revoked, nil, "license-revoked")
        case .registrationRevocation:
            guard [.active, .suspended, .liquidating, .revoked].contains(entity.status) else { throw refuse }
            (status, suspendedUntil, change) = (.cancelled, nil, "registration-revoked")
        case .revocationReversal:
            guard entity.status == .cancelled else { throw refuse }
            guard let revocation = recorded.last, revocation.decision.action == .registrationRevocation else {
                throw StoreError.invalidState("\(code) is 撤销 without a recorded 撤销登记 decision; there is nothing to reverse")
            }
            // The former state is restored (条例 第42条); a 歇业 period that ended meanwhile is over (条例 第30条).
            if revocation.statusBefore == .suspended, let until = revocation.suspendedUntilBefore, until >= day {
                (status, suspendedUntil) = (.suspended, until)
            } else {
                (status, suspendedUntil) = (revocation.statusBefore == .suspended ? .active : revocation.statusBefore, nil)
            }
            change = "revocation-reversed"
        }
    }
}
