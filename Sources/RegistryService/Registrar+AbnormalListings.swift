import RegistryCore
import RegistryStore

extension Registrar {
    /// Puts the entity `code` on the 经营异常名录: validates every field at once, then records it in one transaction.
    public func listAbnormal(code: CreditCode, reason: String?, documentNumber: String?, listedOn: String?, actor: Actor,
                             idempotency: Idempotent<AbnormalListing>?) async throws(RegistrarError) -> Replayable<AbnormalListing> {
        if let reply = try await replayed(idempotency) { return .replayed(reply) }
        let instant = now()
        let request: AbnormalListing.Request
        switch AbnormalListing.Request.validate(code: code, reason: reason, documentNumber: documentNumber, listedOn: listedOn, today: instant.chinaDay) {
        case .success(let valid): request = valid
        case .failure(let errors): throw .invalidForm(errors)
        }
        do { return try await store.listAbnormal(request, actor: actor, at: instant, idempotency: idempotency) } catch { throw .store(error) }
    }

    /// Takes the entity `code` off the 经营异常名录 for its listing `id`.
    public func removeAbnormalListing(code: CreditCode, id: Int64, documentNumber: String?, removedOn: String?, reason: String?, actor: Actor,
                                      idempotency: Idempotent<AbnormalListing>?) async throws(RegistrarError) -> Replayable<AbnormalListing> {
        if let reply = try await replayed(idempotency) { return .replayed(reply) }
        let instant = now()
        let removal: AbnormalListing.Removal
        switch AbnormalListing.validateRemoval(documentNumber: documentNumber, removedOn: removedOn, reason: reason, recordedBy: actor.label,
                                               today: instant.chinaDay) {
        case .success(let valid): removal = valid
        case .failure(let errors): throw .invalidForm(errors)
        }
        do {
            return try await store.removeAbnormalListing(code: code, id: id, removal, actor: actor, at: instant, idempotency: idempotency)
        } catch {
            throw .store(error)
        }
    }

    /// The entity's listings, in force and ended, oldest first.
    public func abnormalListings(code: CreditCode) async throws(RegistrarError) -> [AbnormalListing] {
        do { return try await store.abnormalListings(code: code) } catch { throw .store(error) }
    }
}
