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
