import GRDB
import RegistryCore
import RegistryStore

extension SQLiteRegistryStore {
    public func listAbnormal(_ request: AbnormalListing.Request, actor: Actor, at instant: Instant,
                             idempotency: Idempotent<AbnormalListing>?) async throws(StoreError) -> Replayable<AbnormalListing> {
        try await idempotentWrite(idempotency, at: instant, retiringSearchPages: false) { db in
            let id = try Self.entityID(db, request.code)
            let entity = try Self.load(db, request.code).entity
            try AbnormalListingRules.check(request, on: entity, listings: try AbnormalListingRecord.fetch(db, entityID: id))
            let listing = try AbnormalListingRecord.insert(db, entityID: id, request, listedBy: actor.label)
            try JournalWriter.audit(db, actor, action: "registration.abnormal-listing", target: request.code.rawValue, at: instant)
            return listing
        }
    }

    public func removeAbnormalListing(code: CreditCode, id: Int64, _ removal: AbnormalListing.Removal, actor: Actor, at instant: Instant,
                                      idempotency: Idempotent<AbnormalListing>?) async throws(StoreError) -> Replayable<AbnormalListing> {
        try await idempotentWrite(idempotency, at: instant, retiringSearchPages: false) { db in
            let entityID = try Self.entityID(db, code)
            guard var listing = try AbnormalListingRecord.fetch(db, entityID: entityID).first(where: { $0.id == id }) else {
                throw StoreError.abnormalListingNotFound(code, id)
            }
            try AbnormalListingRules.checkRemoval(removal, of: listing)
            try AbnormalListingRecord.remove(db, id: id, removal)
            try JournalWriter.audit(db, actor, action: "registration.abnormal-removal", target: code.rawValue, at: instant)
            listing.removal = removal
            return listing
        }
    }

    public func abnormalListings(code: CreditCode) async throws(StoreError) -> [AbnormalListing] {
        try await read { db in try AbnormalListingRecord.fetch(db, entityID: try Self.entityID(db, code)) }
    }
}
