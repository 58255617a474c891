import Foundation

/// The canonical JSON of manifests: keys sorted, no whitespace, `/` unescaped, UTF-8 (for the ASCII-only values of
/// a manifest this is the output of Python's `json.dumps(value, sort_keys=True, separators=(",", ":"))`).
public enum CanonicalJSON {
    /// The canonical bytes of `value`.
    public static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
