import RegistryCore

/// The checks a 经营异常名录 listing or removal passes inside its transaction, against the entity and its listings as they
/// are there: the same in every backend.
public enum AbnormalListingRules {
    /// `invalidState` when the entity has ended (注销, 撤销, 迁出) or the listing's day is before its establishment;
    /// `conflict` when the document number is already recorded on the entity or a listing for the same reason is in force.
    public static func check(_ request: AbnormalListing.Request, on entity: MarketEntity, listings: [AbnormalListing]) throws(StoreError) {
        let code = entity.code
        if listings.contains(where: { $0.documentNumber == request.documentNumber }) {
            throw StoreError.conflict("listing \(request.documentNumber) is already recorded for \(code)")
        }
        if let current = listings.first(where: { $0.isInForce && $0.reason == request.reason }) {
            throw StoreError.conflict("\(code) is already on the 经营异常名录 for “\(request.reason.display)” since \(current.listedOn) (listing \(current.id))")
        }
        guard [.active, .suspended, .liquidating, .revoked].contains(entity.status) else {
            throw StoreError.invalidState("\(code) is \(entity.status.display); only an entity that still exists is put on the 经营异常名录")
        }
        guard request.listedOn >= entity.establishedOn else {
            throw StoreError.invalidState("the listing of \(request.listedOn) is before \(code) was established on \(entity.establishedOn)")
        }
    }

    /// `invalidState` when the listing has already ended or the removal's day is before the listing's.
    public static func checkRemoval(_ removal: AbnormalListing.Removal, of listing: AbnormalListing) throws(StoreError) {
        if let done = listing.removal {
            throw StoreError.invalidState("listing \(listing.id) of \(listing.code) already ended on \(done.removedOn)")
        }
        guard removal.removedOn >= listing.listedOn else {
            throw StoreError.invalidState("the removal of \(removal.removedOn) is before the listing of \(listing.listedOn)")
        }
    }
}

/// Whether a change or deregistration accepted earlier still applies to the entity as it is in the completing
/// transaction: a decision (吊销, 撤销), a 经营异常名录 listing, an objection to its 简易注销 notice or another application may
/// have come in between. The same
/// in every backend; a refusal (`invalidState`) writes nothing.
public enum CompletionGuard {
    /// Only an existing (存续) entity registers changes.
    public static func change(on entity: MarketEntity) throws(StoreError) {
        guard entity.status == .active else {
            throw StoreError.invalidState("\(entity.code) is \(entity.status.display) now; only an existing (存续) entity registers changes")
        }
    }

    /// The deregistration's procedure must still be open to the entity (`DeregistrationForm.allows`), and an ordinary one
    /// of an entity in liquidation needs the day its liquidation ended.
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
