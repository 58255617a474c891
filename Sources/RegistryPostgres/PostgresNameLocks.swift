import PostgresNIO
import RegistryCore
import RegistryStore

/// Serialises check-and-write transactions whose names could conflict, and only those.
///
/// A proposed name conflicts with names in its authority whose 字号 equals, sounds like, contains or is contained
/// in its own, or with the same name. Each such pair shares a key here: a substring of two or more characters of
/// the 字号, the whole 字号 included (a 字号 contained in another is one of the other's substrings), the 字号's whole
/// toneless pinyin (homophones), or the name. Before
/// reading candidates, a reservation or a completion takes a transaction-level advisory lock on each of its
/// keys (sorted, so two transactions never wait for each other in a cycle); the locks are released at commit.
/// Two counters registering unrelated names never wait for each other; two registering related names run one
/// after the other, the second seeing the first's name. The unique index on active reservations stays the last
/// line of defence.
enum PostgresNameLocks {
    static func keys(_ query: NameCandidateQuery) -> [Int64] {
        let authority = query.authority.description
        let characters = Array(query.contained)
        var tokens: Set<String> = []
        if characters.count >= 2 {
            for length in 2...characters.count {
                for start in 0...(characters.count - length) { tokens.insert("z:" + String(characters[start..<(start + length)])) }
            }
        } else {
            tokens.insert("z:" + query.contained)
        }
        tokens.insert("p:" + query.pinyin)
        tokens.insert("n:" + query.nameKey)
        if query.contained.isEmpty { tokens.insert("a:") }
        return Array(Set(tokens.map { fnv1a(authority + "|" + $0) })).sorted()
    }

    /// Takes the locks of `query` for the current transaction, in key order.
    static func lock(_ connection: PostgresConnection, _ query: NameCandidateQuery, logger: Logger) async throws {
        var s = SQLStatement()
        s.append("SELECT count(pg_advisory_xact_lock(k)) AS n FROM (SELECT k FROM unnest(\(s.bind(keys(query)))::bigint[]) AS k ORDER BY k) AS keys")
        try await connection.run(s, logger: logger)
    }

    /// 64-bit FNV-1a of the UTF-8 bytes (stable across processes and versions, unlike `Hasher`).
    static func fnv1a(_ text: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }
}
