import RegistryCore
import RegistryStore

extension Registrar {
    /// Files the entity's 简易注销 notice from today, with every investor's commitment (`investorsCommitment` true).
    public func fileDeregistrationNotice(code: CreditCode, investorsCommitment: Bool?, actor: Actor,
                                         idempotency: Idempotent<DeregistrationNotice>?) async throws(RegistrarError) -> Replayable<DeregistrationNotice> {
        if let reply = try await replayed(idempotency) { return .replayed(reply) }
        if case .failure(let errors) = DeregistrationNotice.validateFiling(investorsCommitment: investorsCommitment) { throw .invalidForm(errors) }
        do { return try await store.fileDeregistrationNotice(code: code, actor: actor, at: now(), idempotency: idempotency) } catch { throw .store(error) }
    }

    /// Records an objection, lodged today, to the entity's notice `id`.
    public func objectToDeregistrationNotice(code: CreditCode, id: Int64, party: String?, reason: String?, actor: Actor,
                                             idempotency: Idempotent<DeregistrationNotice>?) async throws(RegistrarError) -> Replayable<DeregistrationNotice> {
        if let reply = try await replayed(idempotency) { return .replayed(reply) }
        let instant = now()
        let objection: DeregistrationNotice.Objection
        switch DeregistrationNotice.validateObjection(party: party, reason: reason, recordedBy: actor.label, today: instant.chinaDay) {
        case .success(let valid): objection = valid
        case .failure(let errors): throw .invalidForm(errors)
        }
        do {
            return try await store.objectToDeregistrationNotice(code: code, id: id, objection, actor: actor, at: instant, idempotency: idempotency)
        } catch {
            throw .store(error)
        }
    }

    /// The entity's notices, oldest first.
    public func deregistrationNotices(code: CreditCode) async throws(RegistrarError) -> [DeregistrationNotice] {
        do { return try await store.deregistrationNotices(code: code) } catch { throw .store(error) }
    }
}
