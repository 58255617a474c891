import Crypto
import Foundation

/// The registry's Ed25519 key (swift-crypto): signs electronic licenses and snapshot manifests.
public struct LicenseSigner: Sendable {
    private let key: Curve25519.Signing.PrivateKey

    /// A signer for a 32-byte raw private key.
    public init(rawPrivateKey: some ContiguousBytes) throws {
        key = try Curve25519.Signing.PrivateKey(rawRepresentation: rawPrivateKey)
    }

    /// A new random key's raw 32 bytes.
    public static func generateRawPrivateKey() -> Data { Curve25519.Signing.PrivateKey().rawRepresentation }

    /// The public key, base64 of its 32 raw bytes.
    public var publicKeyBase64: String { key.publicKey.rawRepresentation.base64EncodedString() }

    /// The signature of `message`, base64 of 64 bytes.
    public func sign(_ message: Data) throws -> String { try key.signature(for: message).base64EncodedString() }

    /// Whether `signature` (base64) is a valid Ed25519 signature of `message` by `publicKey` (base64).
    public static func verify(_ message: Data, signature: String, publicKey: String) -> Bool {
        guard let signatureBytes = Data(base64Encoded: signature), let keyBytes = Data(base64Encoded: publicKey),
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: keyBytes) else { return false }
        return key.isValidSignature(signatureBytes, for: message)
    }
}
