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

    /// The entity's current license, signed; nil when no entity has the code.
    public func license(code: CreditCode) async throws(StoreError) -> SignedLicense? {
        guard let items = try await currentItems(code) else { return nil }
        do { return try SignedLicense(items: items, signer: signer) } catch { throw .backend("signing failed: \(error)") }
    }

    /// Verifies a document against the registry's key and its current record.
    public func verify(_ document: SignedLicense) async throws(StoreError) -> LicenseVerification {
        var current: LicenseItems?
        if let code = try? CreditCode(validating: document.license.code) { current = try await currentItems(code) }
        return LicenseVerification(document, trustedKey: signer.publicKeyBase64, currentItems: current, consulted: true)
    }

    func currentItems(_ code: CreditCode) async throws(StoreError) -> LicenseItems? {
        guard let dossier = try await store.dossier(code), let license = dossier.licenses.last else { return nil }
        return LicenseItems(entity: dossier.entity, license: license)
    }
}
