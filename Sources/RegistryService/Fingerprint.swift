import Crypto

/// SHA-256 digests as lower-case hex (token hashes, request fingerprints).
public enum Fingerprint {
    /// The hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        SHA256.hash(data: Array(bytes)).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
