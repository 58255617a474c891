import RegistryCore
import RegistryStore

extension PostgresRegistryStore {
    public func recordDecision(_ decision: RegistrationDecision, actor: Actor, at instant: Instant,
                               idempotency: Idempotent<RegistrationDecision.Record>?) async throws(StoreError) -> Replayable<RegistrationDecision.Record> {
        try await idempotentWrite(idempotency, at: instant) { connection, journal, logger in
            let code = decision.code
            // The entity row stays locked until the commit: decisions on one entity are recorded one at a time.
            let (id, old) = try await PostgresDossierReader.load(connection, code, logger: logger, lock: true)
            let registersBefore = try await PostgresDossierReader.registers(connection, entityID: id, logger: logger)
            let recorded = registersBefore.decisions
            let outcome = try RegistrationDecisionOutcome(of: decision, on: old.entity, recorded: recorded)
            try await PostgresEntityChanges.setStatus(connection, id: id, dossier: old, to: outcome.status, suspendedUntil: outcome.suspendedUntil,
                                                      on: decision.decidedOn, logger: logger)
            let number = try await PostgresDecisionRecord.insert(connection, entityID: id, decision, before: old.entity, after: outcome.status,
                                                                 recordedBy: actor.label, at: instant, logger: logger)
            let new = try await PostgresDossierReader.load(connection, code, logger: logger).dossier
            journal.audit(actor, action: "registration.decision.\(decision.action.rawValue)", target: code.rawValue, at: instant)
            journal.change(code: code, change: outcome.change, old: try ChangeFeedJSON.encode(old, registers: registersBefore),
                           new: try ChangeFeedJSON.encode(new, registers: try await PostgresDossierReader.registers(connection, entityID: id, logger: logger)),
                           at: instant)
            return RegistrationDecision.Record(id: number, decision: decision, statusBefore: old.entity.status,
                                               suspendedUntilBefore: old.entity.suspendedUntil, statusAfter: outcome.status,
                                               recordedBy: actor.label, recordedAt: instant)
        }
    }

    public func decisions(code: CreditCode) async throws(StoreError) -> [RegistrationDecision.Record] {
        try await read { connection, logger in
            guard let id = try await PostgresDossierReader.entityID(connection, code, logger: logger) else { throw StoreError.entityNotFound(code) }
            return try await PostgresDecisionRecord.fetch(connection, entityID: id, logger: logger)
        }
    }
}
