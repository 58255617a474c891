import RegistryCore
import RegistryStore

/// Bearer tokens (SPEC §6): random secrets shown once, stored only as SHA-256 hashes.
public struct AccessDesk<Store: RegistryStore>: Sendable {
    /// The registry.
    public let store: Store
    /// The clock.
    public let now: @Sendable () -> Instant

    /// Creates the desk.
    public init(store: Store, now: @escaping @Sendable () -> Instant) {
        self.store = store
        self.now = now
    }

    /// Creates a token for `role`; returns the record and the secret, which is never stored or shown again.
    /// `privileges` are for auditors (`personal-ids`); the caller checks the role.
    public func create(role: Role, label: String, privileges: Set<Privilege> = [],
                       actor: Actor) async throws(StoreError) -> (token: AccessToken, secret: String) {
        var generator = SystemRandomNumberGenerator()
        let secret = "yz_" + (0..<4).map { _ in Self.hex(generator.next()) }.joined()
        let token = try await store.createToken(label: label, role: role, privileges: privileges, secretHash: Self.hash(secret),
                                                at: now(), actor: actor)
        return (token, secret)
    }

    /// The live token a presented secret belongs to; nil for an unknown or revoked one.
    public func authenticate(secret: String) async throws(StoreError) -> AccessToken? {
        guard secret.utf8.count <= 200, let token = try await store.accessToken(secretHash: Self.hash(secret)), token.revokedAt == nil else {
            return nil
        }
        return token
    }

    /// Revokes a token.
    public func revoke(id: Int64, actor: Actor) async throws(StoreError) -> AccessToken {
        try await store.revokeToken(id: id, at: now(), actor: actor)
    }

    /// Every token (hashes only).
    public func list() async throws(StoreError) -> [AccessToken] {
        try await store.accessTokens()
    }

    /// Lower-case hex SHA-256 of a secret.
    public static func hash(_ secret: String) -> String { Fingerprint.sha256Hex(secret.utf8) }

    static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
