import RegistryCore
import RegistryStore

extension PostgresRegistryStore {
    public func fileDeregistrationNotice(code: CreditCode, actor: Actor, at instant: Instant,
                                         idempotency: Idempotent<DeregistrationNotice>?) async throws(StoreError) -> Replayable<DeregistrationNotice> {
        try await idempotentWrite(idempotency, at: instant) { connection, journal, logger in
            // The entity row stays locked until the commit: one notice of an entity is filed at a time.
            let (id, dossier) = try await PostgresDossierReader.load(connection, code, logger: logger, lock: true)
            try DeregistrationNoticeRules.checkFiling(
                on: dossier.entity, listings: try await PostgresAbnormalListingRecord.fetch(connection, entityID: id, logger: logger),
                notices: try await PostgresNoticeRecord.fetch(connection, entityID: id, logger: logger), day: instant.chinaDay)
            let notice = try await PostgresNoticeRecord.insert(connection, entityID: id, code: code, from: instant.chinaDay, filedBy: actor.label,
                                                               logger: logger)
            journal.audit(actor, action: "registration.deregistration-notice", target: code.rawValue, at: instant)
            return notice
        }
    }

    public func objectToDeregistrationNotice(code: CreditCode, id: Int64, _ objection: DeregistrationNotice.Objection, actor: Actor, at instant: Instant,
                                             idempotency: Idempotent<DeregistrationNotice>?) async throws(StoreError) -> Replayable<DeregistrationNotice> {
        try await idempotentWrite(idempotency, at: instant) { connection, journal, logger in
            guard let entityID = try await PostgresDossierReader.entityID(connection, code, logger: logger, lock: true) else {
                throw StoreError.entityNotFound(code)
            }
            let notices = try await PostgresNoticeRecord.fetch(connection, entityID: entityID, logger: logger)
            guard var notice = notices.first(where: { $0.id == id }) else { throw StoreError.noticeNotFound(code, id) }
            try DeregistrationNoticeRules.checkObjection(objection, to: notice)
            try await PostgresNoticeRecord.object(connection, id: id, objection, logger: logger)
            journal.audit(actor, action: "registration.deregistration-objection", target: code.rawValue, at: instant)
            notice.objection = objection
            return notice
        }
    }

    public func deregistrationNotices(code: CreditCode) async throws(StoreError) -> [DeregistrationNotice] {
        try await read { connection, logger in
            guard let id = try await PostgresDossierReader.entityID(connection, code, logger: logger) else { throw StoreError.entityNotFound(code) }
            return try await PostgresNoticeRecord.fetch(connection, entityID: id, logger: logger)
        }
    }
}
