import GRDB
import RegistryCore
import RegistryStore

extension SQLiteRegistryStore {
    public func listAbnormal(_ request: AbnormalListing.Request, actor: Actor, at instant: Instant,
                             idempotency: Idempotent<AbnormalListing>?) async throws(StoreError) -> Replayable<AbnormalListing> {
        try await idempotentWrite(idempotency, at: instant, retiringSearchPages: false) { db in
            let id = try Self.entityID(db, request.code)
            let dossier = try Self.load(db, request.code)
            let before = try Self.registers(db, entityID: id)
            try AbnormalListingRules.check(request, on: dossier.entity, listings: before.abnormalListings)
            let listing = try AbnormalListingRecord.insert(db, entityID: id, request, listedBy: actor.label)
            try JournalWriter.audit(db, actor, action: "registration.abnormal-listing", target: request.code.rawValue, at: instant)
            try Self.feedRegisters(db, dossier, change: "abnormal-listed", before: before, entityID: id, at: instant)
            return listing
        }
    }

    public func removeAbnormalListing(code: CreditCode, id: Int64, _ removal: AbnormalListing.Removal, actor: Actor, at instant: Instant,
                                      idempotency: Idempotent<AbnormalListing>?) async throws(StoreError) -> Replayable<AbnormalListing> {
        try await idempotentWrite(idempotency, at: instant, retiringSearchPages: false) { db in
            let entityID = try Self.entityID(db, code)
            let before = try Self.registers(db, entityID: entityID)
            guard var listing = before.abnormalListings.first(where: { $0.id == id }) else {
                throw StoreError.abnormalListingNotFound(code, id)
            }
            try AbnormalListingRules.checkRemoval(removal, of: listing)
            try AbnormalListingRecord.remove(db, id: id, removal)
            try JournalWriter.audit(db, actor, action: "registration.abnormal-removal", target: code.rawValue, at: instant)
            try Self.feedRegisters(db, try Self.load(db, code), change: "abnormal-removed", before: before, entityID: entityID, at: instant)
            listing.removal = removal
            return listing
        }
    }

    public func abnormalListings(code: CreditCode) async throws(StoreError) -> [AbnormalListing] {
        try await read { db in try AbnormalListingRecord.fetch(db, entityID: try Self.entityID(db, code)) }
    }
}
