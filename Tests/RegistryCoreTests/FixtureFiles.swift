import Foundation

/// Reads files under the repository's `fixtures/` folder.
enum FixtureFiles {
    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The text of `fixtures/<path>`.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("fixtures").appendingPathComponent(path), encoding: .utf8)
    }

    /// Rows of a TSV fixture without its header.
    static func rows(_ path: String) throws -> [[String]] {
        try text(path).split(separator: "\n").dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }
}
