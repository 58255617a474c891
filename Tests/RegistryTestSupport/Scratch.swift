import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where tests keep their files: one directory per test process in the system's temporary directory, removed
/// when the process exits. (Each test run used to leave its registries behind: ~150 MB in /tmp per run.)
public enum Scratch {
    /// This process's directory, created on first use.
    public static let directory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("yizhao-tests-\(getpid())-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            fatalError("cannot create the tests' scratch directory \(url.path): \(error)")
        }
        atexit { try? FileManager.default.removeItem(at: Scratch.directory) }
        return url
    }()

    /// A new directory in `directory`, named after `label`.
    public static func newDirectory(_ label: String) throws -> URL {
        let url = directory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A path in `directory` that nothing uses yet: `label`, a UUID, then `suffix` (such as `.db`).
    public static func newPath(_ label: String, suffix: String = "") -> String {
        directory.appendingPathComponent("\(label)-\(UUID().uuidString)\(suffix)").path
    }
}
