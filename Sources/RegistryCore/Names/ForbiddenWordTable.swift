/// Words a name may not contain or may contain only with care (`fixtures/forbidden-words.tsv`).
public struct ForbiddenWordTable: Sendable {
    /// One listed word.
    public struct Entry: Sendable, Hashable {
        /// The word.
        public let word: String
        /// Its category (`party_state`, `misleading`, …).
        public let category: String
        /// `reject`, `warn` or `position`.
        public let severity: String
        /// The article the restriction comes from.
        public let article: String
    }

    /// Every entry, in file order.
    public let entries: [Entry]

    /// The table compiled from the fixtures, parsed once.
    public static let standard = ForbiddenWordTable(tsv: EmbeddedFixtures.forbiddenWordsTSV)

    /// Parses `word<TAB>category<TAB>severity<TAB>article` rows.
    public init(tsv: String) {
        entries = EmbeddedFixtures.rows(ofTSV: tsv).compactMap { fields in
            guard fields.count >= 4 else { return nil }
            return Entry(word: String(fields[0]), category: String(fields[1]), severity: String(fields[2]), article: String(fields[3]))
        }
    }
}
