/// The forbidden and restricted words, indexed for matching inside a name (`domain/names.md` §6).
public struct ForbiddenWordIndex: Sendable {
    /// One occurrence of a listed word.
    public struct Match: Sendable, Hashable {
        /// The entry.
        public let entry: ForbiddenWordTable.Entry
        /// Character offsets in the scanned text.
        public let range: Range<Int>
    }

    private let byWord: [String: ForbiddenWordTable.Entry]
    private let longest: Int

    /// The index of the standard table.
    public static let standard = ForbiddenWordIndex(table: .standard)

    /// Indexes `table` (words traditional-folded, like the text they are matched in).
    public init(table: ForbiddenWordTable, han: HanTables = .standard) {
        var byWord: [String: ForbiddenWordTable.Entry] = [:]
        for entry in table.entries { byWord[han.simplified(entry.word)] = entry }
        self.byWord = byWord
        self.longest = byWord.keys.map(\.count).max() ?? 0
    }

    /// Every listed word in `text`, except those inside a longer match (人大常委会 over 人大, 国家级 over 国家).
    public func matches(in text: String) -> [Match] {
        let characters = Array(text)
        var found: [Match] = []
        for start in characters.indices {
            for length in stride(from: min(longest, characters.count - start), through: 1, by: -1) {
                if let entry = byWord[String(characters[start..<(start + length)])] {
                    found.append(Match(entry: entry, range: start..<(start + length)))
                }
            }
        }
        return found.filter { match in
            !found.contains { other in other != match && other.range.count > match.range.count
                && other.range.lowerBound <= match.range.lowerBound && other.range.upperBound >= match.range.upperBound }
        }
    }
}
