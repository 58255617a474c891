import GRDB
import RegistryCore
import RegistryStore

extension SQLiteRegistryStore {
    public func fileDeregistrationNotice(code: CreditCode, actor: Actor, at instant: Instant,
                                         idempotency: Idempotent<DeregistrationNotice>?) async throws(StoreError) -> Replayable<DeregistrationNotice> {
        try await idempotentWrite(idempotency, at: instant, retiringSearchPages: false) { db in
            let id = try Self.entityID(db, code)
            let dossier = try Self.load(db, code)
            let before = try Self.registers(db, entityID: id)
            try DeregistrationNoticeRules.checkFiling(on: dossier.entity, listings: before.abnormalListings, notices: before.notices, day: instant.chinaDay)
            let notice = try NoticeRecord.insert(db, entityID: id, code: code, from: instant.chinaDay, filedBy: actor.label)
            try JournalWriter.audit(db, actor, action: "registration.deregistration-notice", target: code.rawValue, at: instant)
            try Self.feedRegisters(db, dossier, change: "notice-filed", before: before, entityID: id, at: instant)
            return notice
        }
    }

    public func objectToDeregistrationNotice(code: CreditCode, id: Int64, _ objection: DeregistrationNotice.Objection, actor: Actor, at instant: Instant,
                                             idempotency: Idempotent<DeregistrationNotice>?) async throws(StoreError) -> Replayable<DeregistrationNotice> {
        try await idempotentWrite(idempotency, at: instant, retiringSearchPages: false) { db in
            let entityID = try Self.entityID(db, code)
            let before = try Self.registers(db, entityID: entityID)
            guard var notice = before.notices.first(where: { $0.id == id }) else { throw StoreError.noticeNotFound(code, id) }
            try DeregistrationNoticeRules.checkObjection(objection, to: notice)
            try NoticeRecord.object(db, id: id, objection)
            try JournalWriter.audit(db, actor, action: "registration.deregistration-objection", target: code.rawValue, at: instant)
            try Self.feedRegisters(db, try Self.load(db, code), change: "notice-objected", before: before, entityID: entityID, at: instant)
            notice.objection = objection
            return notice
        }
    }

    public func deregistrationNotices(code: CreditCode) async throws(StoreError) -> [DeregistrationNotice] {
        try await read { db in try NoticeRecord.fetch(db, entityID: try Self.entityID(db, code)) }
    }
}
