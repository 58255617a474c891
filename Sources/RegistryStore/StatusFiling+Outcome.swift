import RegistryCore

/// What a status filing does to an entity, checked again inside the completing transaction (the entity may have
/// changed since acceptance): the same in every backend.
public struct StatusFilingOutcome: Sendable, Hashable {
    /// The entity's status afterwards.
    public var status: EntityStatus
    /// The suspension's last day afterwards (nil unless 歇业).
    public var suspendedUntil: CalendarDate?
    /// The change-feed label: `suspended`, `suspension-extended`, `resumed` or `liquidating`.
    public var change: String

    /// The outcome of `filing` on `entity` as it is now, completing on `day`; `invalidState` when the entity's status no
    /// longer allows it, or a suspension's last day has passed before its completion.
    public init(of filing: StatusFiling, on entity: MarketEntity, day: CalendarDate) throws(StoreError) {
        let refuse = StoreError.invalidState("\(entity.code) is \(entity.status.display); the \(filing.action.rawValue) filing no longer applies")
        switch filing.action {
        case .suspension:
            guard let until = filing.suspendedUntil else { throw StoreError.invalidState("a suspension filing has no last day") }
            guard until >= day else { throw StoreError.invalidState("the suspension of \(entity.code) was to end on \(until), before its completion on \(day)") }
            switch entity.status {
            case .active: (status, suspendedUntil, change) = (.suspended, until, "suspended")
            case .suspended where until > (entity.suspendedUntil ?? until): (status, suspendedUntil, change) = (.suspended, until, "suspension-extended")
            default: throw refuse
            }
        case .resumption:
            guard entity.status == .suspended else { throw refuse }
            (status, suspendedUntil, change) = (.active, nil, "resumed")
        case .liquidation:
            guard [.active, .suspended, .revoked].contains(entity.status) else { throw refuse }
            (status, suspendedUntil, change) = (.liquidating, nil, "liquidating")
        }
    }
}
