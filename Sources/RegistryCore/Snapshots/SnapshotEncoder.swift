/// The byte formats of snapshot files (docs/snapshots.md): CSV per RFC 4180 and NDJSON, both UTF-8 without a
/// byte-order mark.
public enum SnapshotFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// A header line of column names, then one record per row; CRLF after every record; a field is quoted
    /// (`"`, inner quotes doubled) only when it is empty text or holds `,` `"` CR or LF; NULL is an empty
    /// unquoted field.
    case csv
    /// One JSON object per row with the columns as keys in column order; LF after every line; integers as
    /// numbers, NULL as `null`; strings escape only `"`, `\` and control characters.
    case ndjson

    /// The file extension.
    public var fileExtension: String { rawValue }
}

/// Writes rows of one snapshot table in one format into a byte buffer and hands the bytes to `drain` in
/// chunks; masks personal ID columns when asked.
public final class SnapshotEncoder: SnapshotRowSink {
    /// Rows encoded so far (the header is not a row).
    @exclusivity(unchecked) public private(set) var rows = 0
    private let format: SnapshotFormat
    private let columns: [SnapshotColumn]
    private let keys: [[UInt8]]
    private let masksPersonalIDs: Bool
    private let chunkSize: Int
    private let drain: ([UInt8]) throws -> Void
    // Only this encoder touches these, one call at a time: the dynamic exclusivity checks cost ~5% of an export.
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var column = 0

    /// An encoder for `table` in `format`; `drain` receives the bytes in order (chunks of about `chunkSize`).
    public convenience init(table: SnapshotTable, format: SnapshotFormat, masksPersonalIDs: Bool, chunkSize: Int = 1 << 20,
                            drain: @escaping ([UInt8]) throws -> Void) {
        self.init(columns: table.columns, format: format, masksPersonalIDs: masksPersonalIDs, chunkSize: chunkSize, drain: drain)
    }

    /// An encoder for rows of `columns` (ASCII names) in `format`.
    public init(columns: [SnapshotColumn], format: SnapshotFormat, masksPersonalIDs: Bool, chunkSize: Int = 1 << 20,
                drain: @escaping ([UInt8]) throws -> Void) {
        self.format = format
        self.columns = columns
        self.masksPersonalIDs = masksPersonalIDs
        self.chunkSize = chunkSize
        self.drain = drain
        self.keys = columns.map { Array("\"\($0.name)\":".utf8) }
        buffer.reserveCapacity(chunkSize + 4096)
        if format == .csv {
            buffer.append(contentsOf: columns.map(\.name).joined(separator: ",").utf8)
            buffer.append(contentsOf: [13, 10])
        }
    }

    public func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        beginField()
        if masksPersonalIDs && columns[column].isPersonalID {
            let masked = PersonalIDMask.mask(bytes)
            masked.withUnsafeBufferPointer { appendText($0) }
        } else {
            appendText(bytes)
        }
        column += 1
    }

    public func integer(_ value: Int64) {
        beginField()
        buffer.append(contentsOf: String(value).utf8)
        column += 1
    }

    public func null() {
        beginField()
        if format == .ndjson { buffer.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }  // null
        column += 1
    }

    public func endRow() throws {
        precondition(column == columns.count, "a \(columns.count)-column row got \(column) fields")
        switch format {
        case .csv: buffer.append(contentsOf: [13, 10])
        case .ndjson: buffer.append(contentsOf: [0x7D, 10])  // }\n
        }
        column = 0
        rows += 1
        if buffer.count >= chunkSize { try flush() }
    }

    /// Hands over what is buffered; call once after the last row.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try drain(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func beginField() {
        switch format {
        case .csv:
            if column > 0 { buffer.append(0x2C) }
        case .ndjson:
            buffer.append(column == 0 ? 0x7B : 0x2C)  // { or ,
            buffer.append(contentsOf: keys[column])
        }
    }

    private func appendText(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch format {
        case .csv: appendCSV(bytes)
        case .ndjson: appendJSONString(bytes)
        }
    }

    private func appendCSV(_ bytes: UnsafeBufferPointer<UInt8>) {
        let needsQuotes = bytes.isEmpty || bytes.contains { $0 == 0x2C || $0 == 0x22 || $0 == 13 || $0 == 10 }
        guard needsQuotes else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(0x22)
        for byte in bytes {
            if byte == 0x22 { buffer.append(0x22) }
            buffer.append(byte)
        }
        buffer.append(0x22)
    }

    private func appendJSONString(_ bytes: UnsafeBufferPointer<UInt8>) {
        buffer.append(0x22)
        let hex = Array("0123456789abcdef".utf8)
        var start = 0
        for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            switch byte {
            case 0x22: buffer.append(contentsOf: [0x5C, 0x22])
            case 0x5C: buffer.append(contentsOf: [0x5C, 0x5C])
            case 10: buffer.append(contentsOf: [0x5C, 0x6E])
            case 13: buffer.append(contentsOf: [0x5C, 0x72])
            case 9: buffer.append(contentsOf: [0x5C, 0x74])
            default: buffer.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
            start = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        buffer.append(0x22)
    }
}

/// Sends every field to the CSV and the NDJSON encoder of one table (one pass over the rows writes both), and
/// reports progress every `every` rows.
public final class SnapshotTee: SnapshotRowSink {
    private let first: SnapshotEncoder
    private let second: SnapshotEncoder?
    private let every: Int
    private let progress: (Int) -> Void
    @exclusivity(unchecked) private var rows = 0

    /// A tee over one or two encoders.
    public init(_ first: SnapshotEncoder, _ second: SnapshotEncoder?, every: Int = 16_384, progress: @escaping (Int) -> Void = { _ in }) {
        self.first = first
        self.second = second
        self.every = every
        self.progress = progress
    }

    public func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        first.text(bytes)
        second?.text(bytes)
    }

    public func integer(_ value: Int64) {
        first.integer(value)
        second?.integer(value)
    }

    public func null() {
        first.null()
        second?.null()
    }

    public func endRow() throws {
        try first.endRow()
        try second?.endRow()
        rows += 1
        if rows % every == 0 { progress(every) }
    }

    /// Reports the rows not reported yet.
    public func finish() { progress(rows % every) }
}

/// How personal ID numbers are masked in snapshots: the first 6 and the last 4 characters are kept (region
/// and the end of the sequence and check character) and the rest become `*`; values shorter than 10
/// characters, or not ASCII, become all `*` (one per byte).
public enum PersonalIDMask {
    /// The rule as the manifest states it.
    public static let rule = "first 6 and last 4 characters kept, the others replaced by *; shorter or non-ASCII values replaced entirely by * (one per byte)"

    /// The masked bytes of `bytes`.
    public static func mask(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let star = UInt8(ascii: "*")
        guard bytes.count >= 10, bytes.allSatisfy({ $0 < 0x80 }) else { return Array(repeating: star, count: bytes.count) }
        return Array(bytes[0..<6]) + Array(repeating: star, count: bytes.count - 10) + Array(bytes[(bytes.count - 4)...])
    }

    /// The masked form of `text`.
    public static func mask(_ text: String) -> String {
        var text = text
        return String(decoding: text.withUTF8 { mask($0) }, as: UTF8.self)
    }
}
