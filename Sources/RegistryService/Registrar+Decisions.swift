import RegistryCore
import RegistryStore

extension Registrar {
    /// Records a registration authority's decision on the entity `code` (吊销营业执照, 撤销登记, or the reversal of a 撤销):
    /// validates every field at once, then applies it in one transaction (`ApplicationStore.recordDecision`).
    public func recordDecision(code: CreditCode, action: String?, documentNumber: String?, decidedOn: String?, reason: String?, actor: Actor,
                               idempotency: Idempotent<RegistrationDecision.Record>?) async throws(RegistrarError) -> Replayable<RegistrationDecision.Record> {
        if let reply = try await replayed(idempotency) { return .replayed(reply) }
        let instant = now()
        let decision: RegistrationDecision
        switch RegistrationDecision.validate(action: action, documentNumber: documentNumber, decidedOn: decidedOn, reason: reason, code: code,
                                             today: instant.chinaDay) {
        case .success(let valid): decision = valid
        case .failure(let errors): throw .invalidForm(errors)
        }
        do { return try await store.recordDecision(decision, actor: actor, at: instant, idempotency: idempotency) } catch { throw .store(error) }
    }

    /// The decisions recorded on the entity `code`, oldest first.
    public func decisions(code: CreditCode) async throws(RegistrarError) -> [RegistrationDecision.Record] {
        do { return try await store.decisions(code: code) } catch { throw .store(error) }
    }
}
