/// `manifest.json` of a snapshot (docs/snapshots.md). The signature covers the manifest's canonical JSON
/// without the `signature` member; the file holds the canonical JSON with it, so any edit shows.
public struct SnapshotManifest: Sendable, Hashable, Codable {
    /// The format name and version of the snapshot directory: version 2 added `entities.suspended_until`, version 3 the
    /// registers of decisions, 经营异常名录 listings and 简易注销 notices.
    public static let currentFormat = "yizhao-snapshot/3"
    /// Every format a snapshot may be in and still be verified (`SnapshotTable.columns(in:)`, `SnapshotTable.tables(in:)`).
    public static let knownFormats: Set<String> = [firstFormat, secondFormat, currentFormat]
    /// Version 1, without `entities.suspended_until`.
    public static let firstFormat = "yizhao-snapshot/1"
    /// Version 2, without the three registers.
    public static let secondFormat = "yizhao-snapshot/2"

    /// `yizhao-snapshot/3` (or `/1`, `/2` for a snapshot written by an earlier version).
    public var format: String
    /// The snapshot's number in the registry's chain of snapshots (1 for the first).
    public var snapshot: Int64
    /// The change-feed sequence number the snapshot is as of: every change up to it, none after.
    public var sequence: Int64
    /// When it was taken (RFC 3339, UTC).
    public var takenAt: String
    /// The audit log's last entry at that point, or nil for an empty log.
    public var auditHead: AuditHeadRecord?
    /// The files, in the order they were written.
    public var files: [SnapshotFile]
    /// How personal ID numbers appear.
    public var personalIDs: PersonalIDPolicy
    /// Lower-case hex SHA-256 of the previous snapshot's `manifest.json` file, nil for the first snapshot.
    public var previousManifestSHA256: String?
    /// The registry's Ed25519 public key, base64 of its 32 bytes.
    public var publicKey: String
    /// Ed25519 signature (base64) of the canonical JSON of this manifest without `signature`.
    public var signature: String?

    /// Creates a manifest.
    public init(format: String = Self.currentFormat, snapshot: Int64, sequence: Int64, takenAt: String, auditHead: AuditHeadRecord?,
                files: [SnapshotFile], personalIDs: PersonalIDPolicy, previousManifestSHA256: String?, publicKey: String, signature: String?) {
        self.format = format
        self.snapshot = snapshot
        self.sequence = sequence
        self.takenAt = takenAt
        self.auditHead = auditHead
        self.files = files
        self.personalIDs = personalIDs
        self.previousManifestSHA256 = previousManifestSHA256
        self.publicKey = publicKey
        self.signature = signature
    }

    enum CodingKeys: String, CodingKey {
        case format, snapshot, sequence, takenAt, auditHead, files, personalIDs, previousManifestSHA256, publicKey, signature
    }

    /// Writes every member, absent ones as `null` (except a missing signature, which is left out: that is the
    /// signed form).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(snapshot, forKey: .snapshot)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(takenAt, forKey: .takenAt)
        try container.encode(auditHead, forKey: .auditHead)
        try container.encode(files, forKey: .files)
        try container.encode(personalIDs, forKey: .personalIDs)
        try container.encode(previousManifestSHA256, forKey: .previousManifestSHA256)
        try container.encode(publicKey, forKey: .publicKey)
        try container.encodeIfPresent(signature, forKey: .signature)
    }

    /// The manifest without its signature: the value that is signed.
    public var unsigned: Self {
        var copy = self
        copy.signature = nil
        return copy
    }
}

/// The audit chain's head as a manifest records it.
public struct AuditHeadRecord: Sendable, Hashable, Codable {
    /// Sequence number of the last entry.
    public var sequence: Int64
    /// Its hash.
    public var hash: String

    /// Creates a record.
    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }
}

/// One file of a snapshot.
public struct SnapshotFile: Sendable, Hashable, Codable {
    /// File name inside the snapshot directory (`entities.csv`).
    public var name: String
    /// The table it holds.
    public var table: SnapshotTable
    /// Its format.
    public var format: SnapshotFormat
    /// Data rows (a CSV header is not counted).
    public var rows: Int
    /// Size in bytes.
    public var bytes: Int64
    /// Lower-case hex SHA-256 of the file.
    public var sha256: String

    /// Creates an entry.
    public init(name: String, table: SnapshotTable, format: SnapshotFormat, rows: Int, bytes: Int64, sha256: String) {
        self.name = name
        self.table = table
        self.format = format
        self.rows = rows
        self.bytes = bytes
        self.sha256 = sha256
    }

    /// The conventional file name of `table` in `format`.
    public static func name(of table: SnapshotTable, format: SnapshotFormat) -> String { "\(table.rawValue).\(format.fileExtension)" }
}

/// Whether personal ID numbers are masked, which columns hold them, and the rule.
public struct PersonalIDPolicy: Sendable, Hashable, Codable {
    /// True unless an auditor with the privilege asked for them.
    public var masked: Bool
    /// `table.column` of every personal ID column.
    public var columns: [String]
    /// The masking rule (`PersonalIDMask.rule`), nil when not masked.
    public var rule: String?

    /// The policy for `masked`.
    public init(masked: Bool) {
        self.masked = masked
        self.columns = SnapshotTable.personalIDColumns
        self.rule = masked ? PersonalIDMask.rule : nil
    }

    enum CodingKeys: String, CodingKey { case masked, columns, rule }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(masked, forKey: .masked)
        try container.encode(columns, forKey: .columns)
        try container.encode(rule, forKey: .rule)
    }
}
