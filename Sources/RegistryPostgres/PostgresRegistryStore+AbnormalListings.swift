import RegistryCore
import RegistryStore

extension PostgresRegistryStore {
    public func listAbnormal(_ request: AbnormalListing.Request, actor: Actor, at instant: Instant,
                             idempotency: Idempotent<AbnormalListing>?) async throws(StoreError) -> Replayable<AbnormalListing> {
        try await idempotentWrite(idempotency, at: instant) { connection, journal, logger in
            // The entity row stays locked until the commit: listings of one entity are recorded one at a time.
            let (id, dossier) = try await PostgresDossierReader.load(connection, request.code, logger: logger, lock: true)
            let before = try await PostgresDossierReader.registers(connection, entityID: id, logger: logger)
            try AbnormalListingRules.check(request, on: dossier.entity, listings: before.abnormalListings)
            let listing = try await PostgresAbnormalListingRecord.insert(connection, entityID: id, request, listedBy: actor.label, logger: logger)
            journal.audit(actor, action: "registration.abnormal-listing", target: request.code.rawValue, at: instant)
            try await Self.feedRegisters(connection, journal, dossier, change: "abnormal-listed", before: before, entityID: id, at: instant, logger: logger)
            return listing
        }
    }

    public func removeAbnormalListing(code: CreditCode, id: Int64, _ removal: AbnormalListing.Removal, actor: Actor, at instant: Instant,
                                      idempotency: Idempotent<AbnormalListing>?) async throws(StoreError) -> Replayable<AbnormalListing> {
        try await idempotentWrite(idempotency, at: instant) { connection, journal, logger in
            let (entityID, dossier) = try await PostgresDossierReader.load(connection, code, logger: logger, lock: true)
            let before = try await PostgresDossierReader.registers(connection, entityID: entityID, logger: logger)
            guard var listing = before.abnormalListings.first(where: { $0.id == id }) else { throw StoreError.abnormalListingNotFound(code, id) }
            try AbnormalListingRules.checkRemoval(removal, of: listing)
            try await PostgresAbnormalListingRecord.remove(connection, id: id, removal, logger: logger)
            journal.audit(actor, action: "registration.abnormal-removal", target: code.rawValue, at: instant)
            try await Self.feedRegisters(connection, journal, dossier, change: "abnormal-removed", before: before, entityID: entityID, at: instant,
                                         logger: logger)
            listing.removal = removal
            return listing
        }
    }

    public func abnormalListings(code: CreditCode) async throws(StoreError) -> [AbnormalListing] {
        try await read { connection, logger in
            guard let id = try await PostgresDossierReader.entityID(connection, code, logger: logger) else { throw StoreError.entityNotFound(code) }
            return try await PostgresAbnormalListingRecord.fetch(connection, entityID: id, logger: logger)
        }
    }
}
