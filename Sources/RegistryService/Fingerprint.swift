import Crypto
import RegistryStore

/// SHA-256 digests as lower-case hex (token hashes, request fingerprints).
public enum Fingerprint {
    /// The hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        hex(SHA256.hash(data: Array(bytes)))
    }

    /// Lower-case hex of a digest or any bytes.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String { AuditChain.hex(bytes) }
}
