import RegistryCore

/// Whether a change or deregistration accepted earlier still applies to the entity as it is in the completing
/// transaction: a decision (吊销, 撤销), a 经营异常名录 listing, an objection to its 简易注销 notice or another application may
/// have come in between. The same in every backend; a refusal (`invalidState`) writes nothing.
public enum CompletionGuard {
    /// Only an existing (存续) entity registers changes.
    public static func change(on entity: MarketEntity) throws(StoreError) {
        guard entity.status == .active else {
            throw StoreError.invalidState("\(entity.code) is \(entity.status.display) now; only an existing (存续) entity registers changes")
        }
    }

    /// The deregistration's procedure must still be open to the entity (`DeregistrationForm.allows`, with the listings in
    /// force of `standing`); an ordinary one of an entity in liquidation needs the day its liquidation ended; a simplified one
    /// fails once the notice it names drew an objection.
    public static func deregistration(_ form: DeregistrationForm, on entity: MarketEntity, standing: EntityStanding) throws(StoreError) {
        let listed = !standing.abnormalListings.isEmpty
        guard DeregistrationForm.allows(form.mode, from: entity.status, listed: listed) else {
            let why = entity.status == .active && listed ? "on the 经营异常名录" : entity.status.display
            throw StoreError.invalidState("\(entity.code) is \(why) now; its \(form.mode.rawValue) deregistration no longer applies")
        }
        if form.mode == .ordinary, entity.status == .liquidating, form.liquidationEndedOn == nil {
            throw StoreError.invalidState("\(entity.code) is 清算 now; its deregistration needs the day the liquidation ended")
        }
        if form.mode == .simplified, let notice = standing.deregistrationNotice, let objection = notice.objection, notice.from == form.noticeFrom {
            throw StoreError.invalidState("the 简易注销 notice of \(entity.code) from \(notice.from) drew an objection from \(objection.party); "
                                          + "its simplified deregistration no longer applies")
        }
    }
}
