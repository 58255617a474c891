/// The forbidden and restricted words, indexed for matching inside a name (`domain/names.md` §6).
public struct ForbiddenWordIndex: Sendable {
    /// One occurrence of a listed word.
    public struct Match: Sendable, Hashable {
        /// The entry.
        public let entry: ForbiddenWordTable.Entry
        /// Character offsets in the scanned text.
        public let range: Range<Int>
    }

    /// A listed word, as characters.
    private struct Word: Sendable {
        let characters: [Character]
        let entry: ForbiddenWordTable.Entry
    }

    /// The listed words by their first character, longest first.
    private let byFirstCharacter: [Character: [Word]]

    /// The index of the standard table.
    public static let standard = ForbiddenWordIndex(table: .standard)

    /// Indexes `table` (words traditional-folded, like the text they are matched in).
    public init(table: ForbiddenWordTable, han: HanTables = .standard) {
        var byWord: [String: ForbiddenWordTable.Entry] = [:]
        for entry in table.entries { byWord[han.simplified(entry.word)] = entry }
        var byFirstCharacter: [Character: [Word]] = [:]
        for (word, entry) in byWord where !word.isEmpty {
            byFirstCharacter[word.first!, default: []].append(Word(characters: Array(word), entry: entry))
        }
        self.byFirstCharacter = byFirstCharacter.mapValues { $0.sorted { $0.characters.count > $1.characters.count } }
    }

    /// Every listed word in `text`, except those inside a longer match (人大常委会 over 人大, 国家级 over 国家).
    public func matches(in text: String) -> [Match] {
        let characters = Array(text)
        var found: [Match] = []
        // Only the words starting with the character at `start` are compared, without building substrings: this
        // runs for every name checked.
        for start in characters.indices {
            guard let words = byFirstCharacter[characters[start]] else { continue }
            for word in words where word.characters.count <= characters.count - start
                && characters[start..<(start + word.characters.count)].elementsEqual(word.characters) {
                found.append(Match(entry: word.entry, range: start..<(start + word.characters.count)))
            }
        }
        return found.filter { match in
            !found.contains { other in other != match && other.range.count > match.range.count
                && other.range.lowerBound <= match.range.lowerBound && other.range.upperBound >= match.range.upperBound }
        }
    }
}
