import GRDB
import RegistryCore
import RegistryStore

extension SQLiteRegistryStore {
    public func recordDecision(_ decision: RegistrationDecision, actor: Actor, at instant: Instant,
                               idempotency: Idempotent<RegistrationDecision.Record>?) async throws(StoreError) -> Replayable<RegistrationDecision.Record> {
        try await idempotentWrite(idempotency, at: instant) { db in
            let code = decision.code
            let id = try Self.entityID(db, code)
            let old = try Self.load(db, code)
            let registersBefore = try Self.registers(db, entityID: id)
            let recorded = registersBefore.decisions
            let outcome = try RegistrationDecisionOutcome(of: decision, on: old.entity, recorded: recorded)
            try EntityChanges.setStatus(db, code, to: outcome.status, suspendedUntil: outcome.suspendedUntil, on: decision.decidedOn)
            let number = try DecisionRecord.insert(db, entityID: id, decision, before: old.entity, after: outcome.status,
                                                   recordedBy: actor.label, at: instant)
            try JournalWriter.audit(db, actor, action: "registration.decision.\(decision.action.rawValue)", target: code.rawValue, at: instant)
            try JournalWriter.change(db, code: code, change: outcome.change, old: try ChangeFeedJSON.encode(old, registers: registersBefore),
                                     new: try ChangeFeedJSON.encode(try Self.load(db, code), registers: try Self.registers(db, entityID: id)), at: instant)
            return RegistrationDecision.Record(id: number, decision: decision, statusBefore: old.entity.status,
                                               suspendedUntilBefore: old.entity.suspendedUntil, statusAfter: outcome.status,
                                               recordedBy: actor.label, recordedAt: instant)
        }
    }

    public func decisions(code: CreditCode) async throws(StoreError) -> [RegistrationDecision.Record] {
        try await read { db in try DecisionRecord.fetch(db, entityID: try Self.entityID(db, code)) }
    }
}
