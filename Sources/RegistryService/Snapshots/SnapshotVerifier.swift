import Crypto
import Foundation
import RegistryCore

/// One failed check of a snapshot: which file, which check, what was found.
public struct SnapshotProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file (`manifest.json`, `entities.csv`…).
    public var file: String
    /// The check: `present`, `manifest`, `canonical`, `signature`, `key`, `size`, `sha256`, `rows`, `header`,
    /// `records`, `listed`, `chain`.
    public var check: String
    /// What was found.
    public var detail: String

    public var description: String { "\(file): \(check): \(detail)" }
}

/// The outcome of verifying a snapshot directory.
public struct SnapshotVerification: Sendable {
    /// The manifest, when it could be read.
    public var manifest: SnapshotManifest?
    /// Every failed check; empty when the snapshot is intact.
    public var problems: [SnapshotProblem]
    /// Rows checked across all files.
    public var rows: Int

    /// Whether every check held.
    public var isValid: Bool { problems.isEmpty }
}

/// Checks a snapshot directory offline (SPEC §5): the manifest's canonical form and signature, each file's size,
/// SHA-256, row count and header, files not listed, and optionally the link to the previous snapshot.
public enum SnapshotVerifier {
    /// Verifies `directory`; `trustedKey` (base64) must match the manifest's key when given; `previous` is the
    /// snapshot the manifest should chain to.
    public static func verify(_ directory: URL, previous: URL? = nil, trustedKey: String? = nil) -> SnapshotVerification {
        var problems: [SnapshotProblem] = []
        let (manifest, manifestProblems) = readManifest(in: directory, trustedKey: trustedKey)
        problems += manifestProblems
        guard let manifest else { return SnapshotVerification(manifest: nil, problems: problems, rows: 0) }
        var rows = 0
        let tables = SnapshotTable.tables(in: manifest.format)
        for file in manifest.files {
            if !tables.contains(file.table) {
                problems.append(SnapshotProblem(file: file.name, check: "manifest", detail: "\(manifest.format) has no \(file.table.rawValue) table"))
            }
            let (counted, fileProblems) = check(file, version: manifest.format, in: directory)
            rows += counted
            problems += fileProblems
        }
        let listed = Set(manifest.files.map(\.name) + [SnapshotManifest.fileName])
        let present = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in present.sorted() where !listed.contains(name) {
            problems.append(SnapshotProblem(file: name, check: "listed", detail: "the file is not listed in the manifest"))
        }
        if let previous { problems += chain(manifest, to: previous) }
        return SnapshotVerification(manifest: manifest, problems: problems, rows: rows)
    }

    static func readManifest(in directory: URL, trustedKey: String?) -> (SnapshotManifest?, [SnapshotProblem]) {
        let name = SnapshotManifest.fileName
        guard let bytes = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
            return (nil, [SnapshotProblem(file: name, check: "present", detail: "missing (an export that did not finish leaves none)")])
        }
        let manifest: SnapshotManifest
        do {
            manifest = try JSONDecoder().decode(SnapshotManifest.self, from: bytes)
        } catch {
            return (nil, [SnapshotProblem(file: name, check: "manifest", detail: "not a snapshot manifest: \(error)")])
        }
        var problems: [SnapshotProblem] = []
        if !SnapshotManifest.knownFormats.contains(manifest.format) {
            problems.append(SnapshotProblem(file: name, check: "manifest", detail: "unknown format \(manifest.format)"))
        }
        if (try? CanonicalJSON.encode(manifest)) .map({ $0 + Data([10]) }) != bytes {
            problems.append(SnapshotProblem(file: name, check: "canonical",
                                            detail: "the file is not the canonical JSON of its contents (edited, or members added)"))
        }
        if let trustedKey, trustedKey != manifest.publicKey {
            problems.append(SnapshotProblem(file: name, check: "key", detail: "signed by \(manifest.publicKey), not by the trusted key \(trustedKey)"))
        }
        let signed = (try? CanonicalJSON.encode(manifest.unsigned)) ?? Data()
        if let signature = manifest.signature {
            if !LicenseSigner.verify(signed, signature: signature, publicKey: manifest.publicKey) {
                problems.append(SnapshotProblem(file: name, check: "signature", detail: "the Ed25519 signature does not match the manifest"))
            }
        } else {
            problems.append(SnapshotProblem(file: name, check: "signature", detail: "the manifest is not signed"))
        }
        for file in manifest.files where file.name.contains("/") || file.name.hasPrefix(".") || file.name == name {
            problems.append(SnapshotProblem(file: name, check: "manifest", detail: "file name \(file.name) is not a plain file name"))
        }
        return (manifest, problems)
    }

    /// Hashes and counts one file in a single streamed pass.
    static func check(_ file: SnapshotFile, version: String, in directory: URL) -> (Int, [SnapshotProblem]) {
        guard !file.name.contains("/"), !file.name.hasPrefix("."),
              let handle = FileHandle(forReadingAtPath: directory.appendingPathComponent(file.name).path) else {
            return (0, [SnapshotProblem(file: file.name, check: "present", detail: "missing")])
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: Int64 = 0
        var counter = RecordCounter(format: file.format, header: Array(file.table.columns(in: version).map(\.name).joined(separator: ",").utf8))
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += Int64(chunk.count)
            chunk.withUnsafeBytes { counter.feed($0.bindMemory(to: UInt8.self)) }
        }
        counter.finish()
        var problems: [SnapshotProblem] = []
        if bytes != file.bytes {
            problems.append(SnapshotProblem(file: file.name, check: "size", detail: "\(bytes) bytes, the manifest says \(file.bytes)"))
        }
        let sha = Fingerprint.hex(hasher.finalize())
        if sha != file.sha256 {
            problems.append(SnapshotProblem(file: file.name, check: "sha256", detail: "\(sha), the manifest says \(file.sha256)"))
        }
        let rows = counter.rows
        if rows != file.rows {
            problems.append(SnapshotProblem(file: file.name, check: "rows", detail: "\(rows) rows, the manifest says \(file.rows)"))
        }
        if let issue = counter.issue { problems.append(SnapshotProblem(file: file.name, check: counter.issueCheck, detail: issue)) }
        return (rows, problems)
    }

    static func chain(_ manifest: SnapshotManifest, to previous: URL) -> [SnapshotProblem] {
        let name = SnapshotManifest.fileName
        let url = previous.appendingPathComponent(name)
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            return [SnapshotProblem(file: name, check: "chain", detail: "the previous snapshot has no manifest at \(url.path)")]
        }
        var problems: [SnapshotProblem] = []
        let sha = Fingerprint.sha256Hex(bytes)
        if manifest.previousManifestSHA256 != sha {
            problems.append(SnapshotProblem(file: name, check: "chain",
                                            detail: "previousManifestSHA256 is \(manifest.previousManifestSHA256 ?? "null"), the previous manifest hashes to \(sha)"))
        }
        let (earlier, earlierProblems) = readManifest(in: previous, trustedKey: manifest.publicKey)
        problems += earlierProblems.map { SnapshotProblem(file: "previous \($0.file)", check: "chain", detail: "\($0.check): \($0.detail)") }
        if let earlier {
            if earlier.snapshot + 1 != manifest.snapshot {
                problems.append(SnapshotProblem(file: name, check: "chain",
                                                detail: "snapshot \(manifest.snapshot) does not follow snapshot \(earlier.snapshot)"))
            }
            if earlier.sequence > manifest.sequence {
                problems.append(SnapshotProblem(file: name, check: "chain",
                                                detail: "sequence \(manifest.sequence) is before the previous snapshot's \(earlier.sequence)"))
            }
        }
        return problems
    }
}

/// Counts CSV records (quotes respected, CRLF endings) or NDJSON lines, and notes the first structural issue.
struct RecordCounter {
    let format: SnapshotFormat
    let header: [UInt8]
    private(set) var rows = 0
    private(set) var issue: String?
    private(set) var issueCheck = "records"
    private var records = 0
    private var inQuotes = false
    private var previous: UInt8 = 0
    private var headerSeen: [UInt8] = []
    private var lineLength = 0
    private var lineStart: UInt8 = 0
    private var sawBytes = false

    init(format: SnapshotFormat, header: [UInt8]) {
        self.format = format
        self.header = header
    }

    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        if !bytes.isEmpty { sawBytes = true }
        switch format {
        case .csv: feedCSV(bytes)
        case .ndjson: feedNDJSON(bytes)
        }
    }

    /// Notes a last record without its line ending.
    mutating func finish() {
        if previous != 10 && sawBytes && issue == nil { issue = "the file does not end with a line ending (a cut or partial last record)" }
    }

    private mutating func feedCSV(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            if records == 0 && !(byte == 13 || byte == 10) { headerSeen.append(byte) }
            if byte == 0x22 {
                inQuotes.toggle()
            } else if !inQuotes && byte == 10 {
                if previous != 13 && issue == nil { issue = "record \(records + 1) ends with LF, not CRLF" }
                if records == 0 && headerSeen != header && issue == nil {
                    issueCheck = "header"
                    issue = "the header is “\(String(decoding: headerSeen, as: UTF8.self))”, expected “\(String(decoding: header, as: UTF8.self))”"
                }
                records += 1
                rows = records - 1
            }
            previous = byte
        }
    }

    private mutating func feedNDJSON(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            if byte == 10 {
                if (lineLength == 0 || lineStart != 0x7B || previous != 0x7D) && issue == nil {
                    issue = "line \(rows + 1) is not a JSON object"
                }
                rows += 1
                lineLength = 0
            } else {
                if lineLength == 0 { lineStart = byte }
                lineLength += 1
            }
            previous = byte
        }
    }
}
