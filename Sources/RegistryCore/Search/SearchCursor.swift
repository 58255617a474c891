/// Where a result page ended: the ranking tier and the last entity's search key in it. Opaque to
/// callers (`token`), tied to its query by a fingerprint, and valid at any depth.
public struct SearchCursor: Sendable, Hashable {
    /// Ranking tier of the last result (1 = exact name … 4 = substring).
    public let tier: Int
    /// Search key of the last result (results run in ascending key order within a tier).
    public let key: Int64

    /// Creates a cursor.
    public init(tier: Int, key: Int64) {
        self.tier = tier
        self.key = key
    }

    /// The opaque token for `fingerprint`'s query: lower-case hex `tier-key-fingerprint`.
    public func token(fingerprint: UInt32) -> String {
        "\(tier)-\(String(key, radix: 36))-\(String(fingerprint, radix: 36))"
    }

    /// Decodes a token made for the query with `fingerprint`; nil if malformed or for another query.
    public init?(token: String, fingerprint: UInt32) {
        let parts = token.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 16 }),
              let tier = Int(parts[0]), (1...4).contains(tier),
              let key = Int64(parts[1], radix: 36), key >= 0,
              let print = UInt32(parts[2], radix: 36), print == fingerprint else { return nil }
        self.tier = tier
        self.key = key
    }
}

/// How search keys order entities: active before closed, then newer before older (SPEC §3 ties),
/// then later-registered first. Smaller keys rank first.
public enum SearchKey {
    /// `closed << 50 | (2²⁰−1 − days since 1900) << 30 | (2³⁰−1 − entity id)`; unique per entity.
    public static func make(entityID: Int64, active: Bool, establishedOn: CalendarDate) -> Int64 {
        let days = min(Int64(max(0, establishedOn.daysSinceEpoch + 25_567)), (1 << 20) - 1)  // 1900-01-01 is day −25,567
        let idMask: Int64 = (1 << 30) - 1
        return (active ? 0 : 1 << 50) | (((1 << 20) - 1 - days) << 30) | (idMask - (entityID & idMask))
    }
}
