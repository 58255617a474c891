import Crypto
import Foundation

/// Writes one snapshot file in chunks while hashing it.
final class SnapshotFileWriter {
    let name: String
    private let handle: FileHandle
    private var hasher = SHA256()
    private(set) var bytes: Int64 = 0

    init(directory: URL, name: String) throws(SnapshotError) {
        self.name = name
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: url.path) else {
            throw .io("cannot create \(url.path)")
        }
        self.handle = handle
    }

    func write(_ chunk: [UInt8]) throws {
        hasher.update(data: chunk)
        bytes += Int64(chunk.count)
        try handle.write(contentsOf: chunk)
    }

    /// Flushes to disk, closes, and returns the hex SHA-256.
    func finish() throws -> String {
        try handle.synchronize()
        try handle.close()
        return Fingerprint.hex(hasher.finalize())
    }
}
