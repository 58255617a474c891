import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes one snapshot file in chunks while hashing it (straight from the encoder's buffer to write(2)).
final class SnapshotFileWriter {
    let name: String
    private let descriptor: Int32
    private var hasher = SHA256()
    private(set) var bytes: Int64 = 0

    init(directory: URL, name: String) throws(SnapshotError) {
        self.name = name
        let path = directory.appendingPathComponent(name).path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .io("cannot create \(path): \(String(cString: strerror(errno)))") }
    }

    deinit { close(descriptor) }

    func write(_ chunk: [UInt8]) throws {
        try chunk.withUnsafeBytes { buffer in
            hasher.update(bufferPointer: buffer)
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SnapshotError.io("cannot write \(name): \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        bytes += Int64(chunk.count)
    }

    /// Flushes to disk and returns the hex SHA-256.
    func finish() throws -> String {
        guard fsync(descriptor) == 0 else { throw SnapshotError.io("cannot flush \(name): \(String(cString: strerror(errno)))") }
        return Fingerprint.hex(hasher.finalize())
    }
}
