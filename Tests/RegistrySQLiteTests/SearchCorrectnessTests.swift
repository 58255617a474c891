import GRDB
import RegistryCore
import RegistrySQLite
import RegistryStore
import Testing

/// Search against a brute-force scan of the same seeded database.
struct SearchCorrectnessTests {
    struct Row: Sendable {
        let code: String
        let names: [String]
        let zihaoKey: String
        let status: String
        let type: String
        let authority: String
        let section: String
    }

    /// Every entity with all its names, read straight from the tables.
    static func rows(_ store: SQLiteRegistryStore) throws -> [Row] {
        // A second, read-only connection to the shared registry, which other tests write to (reservations) while
        // this one reads: wait for their locks instead of failing at once (GRDB's default for a queue).
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        let queue = try DatabaseQueue(path: store.path, configuration: configuration)
        return try queue.read { db in
            var names: [Int64: [String]] = [:]
            for row in try GRDB.Row.fetchAll(db, sql: "SELECT entity_id, name FROM name_history") {
                names[row["entity_id"], default: []].append(row["name"])
            }
            return try GRDB.Row.fetchAll(db, sql: "SELECT * FROM entities").map {
                Row(code: $0["code"], names: names[$0["id"]] ?? [], zihaoKey: $0["zihao_key"], status: $0["status"], type: $0["type"],
                    authority: $0["authority"], section: $0["industry_section"])
            }
        }
    }

    /// Every page of a search.
    static func allPages(_ store: SQLiteRegistryStore, _ text: String, filters: SearchFilters = SearchFilters(),
                         limit: Int = 100) async throws -> (hits: [SearchHit], total: Int) {
        var hits: [SearchHit] = []
        var cursor: String?
        var total = -1
        repeat {
            let query = try SearchQuery(text: text, filters: filters, cursor: cursor, limit: limit)
            let page = try await store.search(query)
            if total < 0 { total = page.total }
            hits += page.hits
            cursor = page.nextCursor?.token(fingerprint: query.fingerprint)
        } while cursor != nil
        return (hits, total)
    }

    /// Random substrings of 2–6 characters of real names, and random character pairs.
    static func queries(_ rows: [Row], count: Int, seed: UInt64) -> [String] {
        var random = SplitMix64(seed: seed)
        var result: [String] = []
        let alphabet = Array(Set(rows.flatMap { $0.names.flatMap { Array(SearchText.normalize($0)) } }))
        while result.count < count {
            if result.count % 5 == 4 {
                result.append(String([alphabet.randomElement(using: &random)!, alphabet.randomElement(using: &random)!]))
                continue
            }
            let row = rows.randomElement(using: &random)!
            let name = Array(SearchText.normalize(row.names.randomElement(using: &random)!))
            let length = Int.random(in: 2...6, using: &random)
            guard name.count >= length else { continue }
            let start = Int.random(in: 0...(name.count - length), using: &random)
            result.append(String(name[start..<(start + length)]))
        }
        return result
    }

    @Test func everyMatchAndNothingElseForRandomSubstrings() async throws {
        let store = try await TemporaryStore.seeded.value
        let rows = try Self.rows(store)
        let normalized = rows.map { $0.names.map { SearchText.normalize($0) } }
        var twoCharacterQueries = 0
        // Whole names and 字号 too: their exact tiers are not empty, so the lower tiers must exclude them.
        let exact = rows.prefix(15).map { SearchText.normalize($0.names[0]) } + rows.dropFirst(15).prefix(15).map(\.zihaoKey)
        for query in Self.queries(rows, count: 300, seed: 11) + exact {
            let expected = Set(rows.indices.filter { index in normalized[index].contains { $0.contains(query) } }.map { rows[$0].code })
            let (hits, total) = try await Self.allPages(store, query)
            let codes = hits.map(\.code.rawValue)
            #expect(Set(codes) == expected, "query \(query): \(Set(codes).symmetricDifference(expected).count) differ")
            #expect(codes.count == Set(codes).count, "query \(query): duplicates")
            #expect(total == expected.count, "query \(query): total \(total) vs \(expected.count)")
            Self.expectRanked(hits, query: query)
            if query.count == 2 { twoCharacterQueries += 1 }
        }
        #expect(twoCharacterQueries > 80)
    }

    /// Tiers never go down; within a tier, keys strictly increase (smaller keys rank first).
    static func expectRanked(_ hits: [SearchHit], query: String) {
        for (earlier, later) in zip(hits, hits.dropFirst()) {
            #expect(earlier.tier < later.tier || (earlier.tier == later.tier && earlier.key < later.key), "query \(query): order")
        }
    }

    /// Pages of 3 resume inside every tier and give the same hits, in the same order and with the same total, as
    /// pages of 100. The tiers include a prefix tier read from a short `name_key` range and one read through FTS5 when
    /// many names share the prefix. They also include a substring tier read through a rare trigram's documents and
    /// one read as an FTS5 phrase when every trigram is common.
    @Test func smallPagesResumeInsideEveryTier() async throws {
        let store = try await TemporaryStore.seeded.value
        let rows = try Self.rows(store)
        var prefixHits = 0
        for query in Self.queries(rows, count: 60, seed: 13) + ["长沙", "长沙市", "湖南", "有限责任公司", "科技有限公司"] {
            let whole = try await Self.allPages(store, query).hits
            let (paged, total) = try await Self.allPages(store, query, limit: 3)
            #expect(paged.map(\.code) == whole.map(\.code), "query \(query)")
            #expect(paged.map(\.tier) == whole.map(\.tier), "query \(query)")
            #expect(total == whole.count, "query \(query): total \(total) of \(whole.count)")
            prefixHits += whole.filter { $0.tier == 3 }.count
        }
        #expect(prefixHits > 100)
    }

    @Test func tiersMeanWhatTheySay() async throws {
        let store = try await TemporaryStore.seeded.value
        let rows = try Self.rows(store)
        let byCode = Dictionary(uniqueKeysWithValues: rows.map { ($0.code, $0) })
        for query in Self.queries(rows, count: 60, seed: 12) + rows.prefix(20).map(\.zihaoKey)
            + rows.dropFirst(20).prefix(10).map({ SearchText.normalize($0.names[0]) }) {
            for hit in try await Self.allPages(store, query).hits {
                let row = byCode[hit.code.rawValue]!
                let names = row.names.map { SearchText.normalize($0) }
                let expectedTier = names.contains(query) ? 1 : row.zihaoKey == query ? 2 : names.contains { $0.hasPrefix(query) } ? 3 : 4
                #expect(hit.tier == expectedTier, "\(query) → \(row.names): tier \(hit.tier), expected \(expectedTier)")
            }
        }
    }

    @Test func filtersMatchTheBruteForce() async throws {
        let store = try await TemporaryStore.seeded.value
        let rows = try Self.rows(store)
        let filterSets: [(SearchFilters, (Row) -> Bool)] = [
            (try SearchFilters(region: "430104", status: nil, type: nil, section: nil), { $0.authority.hasPrefix("430104") }),
            (try SearchFilters(region: nil, status: "deregistered", type: nil, section: nil), { $0.status == "注销" }),
            (try SearchFilters(region: nil, status: nil, type: "individual", section: nil), { $0.type == "individual" }),
            (try SearchFilters(region: "4301", status: "存续", type: "llc", section: "f"), {
                $0.authority.hasPrefix("4301") && $0.status == "存续" && $0.type == "llc" && $0.section == "F"
            }),
        ]
        // Long substrings of real names too, 5 and 6 characters. With the filters, the 6-character ones' totals come from
        // their rarest trigram's documents.
        let long = rows.prefix(40).compactMap { row -> String? in
            let name = Array(SearchText.normalize(row.names[0]))
            return name.count >= 8 ? String(name[2..<(row.code.hasSuffix("1") ? 8 : 7)]) : nil
        }
        #expect(long.count > 20)
        for query in ["长沙", "有限公司", "贸易", "鑫", "湖南"] + long where query.count >= 2 {
            for (filters, predicate) in filterSets {
                let expected = Set(rows.filter { row in predicate(row) && row.names.contains { SearchText.normalize($0).contains(query) } }.map(\.code))
                // Pages of 3 for the long ones, so that their totals are counted rather than read off a last page.
                let (hits, total) = try await Self.allPages(store, query, filters: filters, limit: query.count > 4 ? 3 : 100)
                #expect(Set(hits.map(\.code.rawValue)) == expected, "\(query) with \(filters)")
                #expect(total == expected.count, "\(query) with \(filters): total \(total) of \(expected.count)")
            }
        }
    }

    @Test func formerNamesAreSearchable() async throws {
        let store = try await TemporaryStore.seeded.value
        let renamed = try Self.rows(store).filter { $0.names.count > 1 }
        #expect(!renamed.isEmpty)
        for row in renamed.prefix(20) {
            let former = row.names.first { SearchText.normalize($0) != SearchText.normalize(row.names.last!) }!
            let hits = try await Self.allPages(store, former).hits
            #expect(hits.first { $0.code.rawValue == row.code }?.tier == 1, "former name \(former) is an exact-name match")
        }
    }

    @Test func pinyinAndInitialsFindTheZihao() async throws {
        let store = try await TemporaryStore.seeded.value
        let rows = try Self.rows(store).prefix(30)
        let tables = HanTables.standard
        for row in rows where row.zihaoKey.count >= 2 {
            for key in [tables.pinyinKey(row.zihaoKey), tables.initialsKey(row.zihaoKey)] where key.count >= 2 {
                let hits = try await Self.allPages(store, key).hits
                #expect(hits.contains { $0.code.rawValue == row.code }, "\(key) finds \(row.zihaoKey)")
            }
        }
    }
}
