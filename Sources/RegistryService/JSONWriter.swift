/// A minimal JSON writer for hot responses (search pages, feeds): objects of strings and integers, keys in the
/// order written (sorted by the caller), strings escaped per RFC 8259. Foundation's JSONEncoder costs
/// more than the search itself on this path.
public struct JSONWriter: Sendable {
    /// What has been written.
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    /// A writer with room for `capacity` bytes.
    public init(capacity: Int = 4_096) {
        bytes.reserveCapacity(capacity)
    }

    /// Begins an object as a member (`key`) of the enclosing object.
    public mutating func beginObject(_ key: String) { self.key(key); bytes.append(UInt8(ascii: "{")); needsComma = false }
    /// Writes `json`, already valid JSON text, as the value of `key` (`null` when nil).
    public mutating func raw(_ key: String, json: String?) {
        self.key(key)
        bytes.append(contentsOf: (json ?? "null").utf8)
        needsComma = true
    }
    /// Writes an integer value of `key`.
    public mutating func field(_ key: String, _ value: Int64) { self.key(key); bytes.append(contentsOf: String(value).utf8); needsComma = true }

    /// Begins an object (at the top, or as an array element).
    public mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    /// Writes JSON.
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    /// Writes JSON.
    public mutating func beginArray(_ key: String) { self.key(key); bytes.append(UInt8(ascii: "[")); needsComma = false }
    /// Writes JSON.
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// Writes JSON.
    public mutating func field(_ key: String, _ value: String) { self.key(key); string(value); needsComma = true }
    /// Writes JSON.
    public mutating func field(_ key: String, _ value: Int) { self.key(key); bytes.append(contentsOf: String(value).utf8); needsComma = true }
    /// Writes JSON.
    public mutating func field(_ key: String, _ value: Bool) { self.key(key); bytes.append(contentsOf: (value ? "true" : "false").utf8); needsComma = true }
    /// Writes JSON.
    public mutating func field(_ key: String, _ value: String?) {
        if let value { field(key, value) } else { self.key(key); bytes.append(contentsOf: "null".utf8); needsComma = true }
    }

    private mutating func separator() { if needsComma { bytes.append(UInt8(ascii: ",")) } }

    private mutating func key(_ key: String) {
        separator()
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
