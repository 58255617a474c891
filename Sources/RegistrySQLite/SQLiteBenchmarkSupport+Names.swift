import GRDB
import RegistryCore

extension SQLiteBenchmarkSupport {
    /// A proposed name drawn from the registry: an existing entity's name, type, industry and authority.
    public struct NameSample: Sendable {
        public let name: String
        public let type: EntityType
        public let industry: IndustryCode
        public let authority: RegionCode
    }

    /// `count` random current entities as proposals (each conflicts at least with itself).
    public func sampleNames(count: Int, seed: UInt64) throws -> [NameSample] {
        let rows = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT name, type, industry_code, authority FROM entities WHERE status = '存续' ORDER BY id")
        }
        var random = SplitMix64(seed: seed)
        return (0..<count).compactMap { _ in
            let row = rows[Int(random.next() % UInt64(rows.count))]
            guard let type = EntityType(rawValue: row["type"]), let industry = IndustryCode(row["industry_code"] as String),
                  let authority = RegionCode(row["authority"] as String) else { return nil }
            return NameSample(name: row["name"], type: type, industry: industry, authority: authority)
        }
    }

    /// The brute-force baseline: every entity of the authority in the same GB/T 4754 大类 (a full scan of
    /// the industry, as a registry without name indexes would do), as candidates.
    public func sameIndustryScan(authority: RegionCode, industry: IndustryCode) throws -> [NameCandidate] {
        try store.pool.read { db in
            let division = String(industry.rawValue.prefix(2))
            return try Row.fetchAll(db, sql: """
                SELECT \(NameCandidateReader.entityColumns) FROM entities e
                WHERE e.authority = ? AND substr(e.industry_code, 1, 2) = ?
                """, arguments: [authority.description, division]).compactMap { try NameCandidateReader.entityCandidate($0) }
        }
    }
}
