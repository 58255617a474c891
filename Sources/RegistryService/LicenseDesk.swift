import RegistryCore
import RegistryStore

/// Electronic licenses (电子营业执照): signed on request with the registry's key; verifiable by anyone.
public struct LicenseDesk<Store: RegistryStore>: Sendable {
    /// The registry.
    public let store: Store
    /// The registry's key.
    public let signer: LicenseSigner

    /// Creates the desk.
    public init(store: Store, signer: LicenseSigner) {
        self.store = store
        self.signer = signer
    }

    /// The entity's current license, signed, while it is in force (`EntityStatus.licenseInForce`); `.notInForce`
    /// once the entity is 吊销, 注销, 撤销 or 迁出 (no license is signed then); `.noEntity` when no entity has the code.
    public func license(code: CreditCode) async throws(StoreError) -> LicenseLookup {
        guard let (items, entity) = try await current(code) else { return .noEntity }
        guard entity.status.licenseInForce else { return .notInForce(entity.status, since: entity.statusChangedOn) }
        do { return .found(try SignedLicense(items: items, signer: signer)) } catch { throw .backend("signing failed: \(error)") }
    }

    /// Verifies a document against the registry's key and its current record (the license items and whether the
    /// license is still in force).
    public func verify(_ document: SignedLicense) async throws(StoreError) -> LicenseVerification {
        var found: (items: LicenseItems, entity: MarketEntity)?
        if let code = try? CreditCode(validating: document.license.code) { found = try await current(code) }
        return LicenseVerification(document, trustedKey: signer.publicKeyBase64, currentItems: found?.items, consulted: true,
                                   status: found.map { ($0.entity.status, $0.entity.statusChangedOn) })
    }

    func current(_ code: CreditCode) async throws(StoreError) -> (LicenseItems, MarketEntity)? {
        guard let dossier = try await store.dossier(code), let license = dossier.licenses.last else { return nil }
        return (LicenseItems(entity: dossier.entity, license: license), dossier.entity)
    }
}

/// What `LicenseDesk.license(code:)` finds.
public enum LicenseLookup: Sendable, Hashable {
    /// The signed current license.
    case found(SignedLicense)
    /// The entity exists but its license is not in force: its status and since when (when recorded).
    case notInForce(EntityStatus, since: CalendarDate?)
    /// No entity has the code.
    case noEntity

    /// Why the license is not in force, for a person: "… is 吊销 since 2026-11-30; its business license is not in force."
    public static func notInForceDetail(_ code: CreditCode, _ status: EntityStatus, since: CalendarDate?) -> String {
        "The entity \(code) is \(status.described(since: since)); its business license is not in force."
    }
}
