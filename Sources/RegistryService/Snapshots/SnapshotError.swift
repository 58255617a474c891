import RegistryStore

/// Why a snapshot could not be exported.
public enum SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output directory exists and is not empty.
    case outputNotEmpty(String)
    /// A file could not be created or written.
    case io(String)
    /// The store failed (or another snapshot was recorded meanwhile: `conflict`).
    case store(StoreError)
    /// A table yielded another number of rows than it holds in the same transaction (a backend defect).
    case rowCountMismatch(table: String, written: Int, expected: Int)
    /// The requested format list is empty.
    case noFormat

    public var description: String {
        switch self {
        case .outputNotEmpty(let path): "\(path) exists and is not empty; choose a new directory"
        case .io(let message): message
        case .store(let error): String(describing: error)
        case .rowCountMismatch(let table, let written, let expected): "\(table): wrote \(written) rows, the table holds \(expected)"
        case .noFormat: "choose at least one format (csv, ndjson)"
        }
    }
}
