import RegistryCore
import RegistryStore

extension PostgresRegistryStore {
    public func fileDeregistrationNotice(code: CreditCode, actor: Actor, at instant: Instant,
                                         idempotency: Idempotent<DeregistrationNotice>?) async throws(StoreError) -> Replayable<DeregistrationNotice> {
        try await idempotentWrite(idempotency, at: instant) { connection, journal, logger in
            // The entity row stays locked until the commit: one notice of an entity is filed at a time.
            let (id, dossier) = try await PostgresDossierReader.load(connection, code, logger: logger, lock: true)
            let before = try await PostgresDossierReader.registers(connection, entityID: id, logger: logger)
            try DeregistrationNoticeRules.checkFiling(on: dossier.entity, listings: before.abnormalListings, notices: before.notices, day: instant.chinaDay)
            let notice = try await PostgresNoticeRecord.insert(connection, entityID: id, code: code, from: instant.chinaDay, filedBy: actor.label,
                                                               logger: logger)
            journal.audit(actor, action: "registration.deregistration-notice", target: code.rawValue, at: instant)
            try await Self.feedRegisters(connection, journal, dossier, change: "notice-filed", before: before, entityID: id, at: instant, logger: logger)
            return notice
        }
    }

    public func objectToDeregistrationNotice(code: CreditCode, id: Int64, _ objection: DeregistrationNotice.Objection, actor: Actor, at instant: Instant,
                                             idempotency: Idempotent<DeregistrationNotice>?) async throws(StoreError) -> Replayable<DeregistrationNotice> {
        try await idempotentWrite(idempotency, at: instant) { connection, journal, logger in
            let (entityID, dossier) = try await PostgresDossierReader.load(connection, code, logger: logger, lock: true)
            let before = try await PostgresDossierReader.registers(connection, entityID: entityID, logger: logger)
            guard var notice = before.notices.first(where: { $0.id == id }) else { throw StoreError.noticeNotFound(code, id) }
            try DeregistrationNoticeRules.checkObjection(objection, to: notice)
            try await PostgresNoticeRecord.object(connection, id: id, objection, logger: logger)
            journal.audit(actor, action: "registration.deregistration-objection", target: code.rawValue, at: instant)
            try await Self.feedRegisters(connection, journal, dossier, change: "notice-objected", before: before, entityID: entityID, at: instant,
                                         logger: logger)
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
