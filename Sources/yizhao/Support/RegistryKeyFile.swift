import Foundation
import RegistryService
#if canImport(Glibc)
import Glibc
#endif

/// The registry's Ed25519 private key on disk: base64 of the 32 raw bytes, created on first start with mode
/// 0600 (owner read/write only); a key file readable by others is refused.
enum RegistryKeyFile {
    /// The default key file of a registry: next to the database, `PATH.key`.
    static func defaultPath(forDatabase database: String) -> String { database + ".key" }

    /// The signer from `path`, creating the key when the file does not exist and `create` is set.
    static func signer(at path: String, create: Bool) throws -> LicenseSigner {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) {
            guard create else { throw CommandFailure(message: "no registry key at \(path) (it is created when `yizhao serve` first starts)") }
            let encoded = LicenseSigner.generateRawPrivateKey().base64EncodedString() + "\n"
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard descriptor >= 0 else { throw CommandFailure(message: "cannot create the registry key \(path): \(String(cString: strerror(errno)))") }
            defer { close(descriptor) }
            let bytes = Array(encoded.utf8)
            guard write(descriptor, bytes, bytes.count) == bytes.count, fsync(descriptor) == 0 else {
                throw CommandFailure(message: "cannot write the registry key \(path)")
            }
        }
        let attributes = try manager.attributesOfItem(atPath: path)
        if let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw CommandFailure(message: "the registry key \(path) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 \(path)")
        }
        guard let data = manager.contents(atPath: path),
              let raw = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
              let signer = try? LicenseSigner(rawPrivateKey: raw) else {
            throw CommandFailure(message: "the registry key \(path) is not a base64 Ed25519 private key")
        }
        return signer
    }
}
