/// The national-standard tables from `fixtures/`, compiled into the binary.
///
/// Each table is parsed once, lazily, by the `standard` instance of its table type; nothing re-reads
/// or re-parses them per call. Regenerate with `scripts/embed-fixtures.sh`.
public enum EmbeddedFixtures {}

extension EmbeddedFixtures {
    /// Splits a TSV text into rows of fields, dropping the header row and blank lines.
    static func rows(ofTSV text: String) -> [[Substring]] {
        var rows: [[Substring]] = []
        var isHeader = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if isHeader { isHeader = false; continue }
            rows.append(line.split(separator: "\t", omittingEmptySubsequences: false))
        }
        return rows
    }
}
