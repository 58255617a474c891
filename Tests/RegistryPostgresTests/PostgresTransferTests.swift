import Foundation
import RegistryCore
import RegistryPostgres
import RegistryService
import RegistrySQLite
import RegistryStore
import RegistryTestSupport
import Synchronization
import Testing

/// `migrate-data`'s two halves: a whole SQLite registry read in one transaction and written into PostgreSQL in
/// another, everything unchanged — dossiers, codes, the change feed and its sequence numbers, the audit chain —
/// and the PostgreSQL registry carries on from where the SQLite one stopped.
@Suite(.enabled(if: PostgresTestDatabase.enabled, "PostgreSQL suites skipped: set YIZHAO_TEST_POSTGRES to a server URL"))
struct PostgresTransferTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 27)!

    /// A registry with every kind of row: a seed, direct registrations, renames, closures, tokens, reservations, a 吊销
    /// decision, a 经营异常名录 listing that ended and a 简易注销 notice that drew an objection.
    static func richSQLiteRegistry() async throws -> SQLiteRegistryStore {
        let sqlite = try await PostgresSearchParityTests.sqliteStore()
        try await RegistrySeeder(store: sqlite).seed(count: 500, seed: 5, today: today)
        var registered: [EntityDossier] = []
        for index in 0..<12 { registered.append(try await sqlite.register(ContractFixtures.draft(index: index, zihao: "迁移\(index)号"))) }
        let parts = NameParts(region: "长沙", zihao: "新迁移", industry: "软件开发", form: "有限公司")
        _ = try await sqlite.rename(registered[0].entity.code, to: "长沙新迁移软件开发有限公司", parts: parts, on: today)
        _ = try await sqlite.changeStatus(registered[1].entity.code, to: .deregistered, on: today)
        let actor = Actor(label: "test", role: "admin", requestID: "r-1")
        _ = try await sqlite.createToken(label: "counter 1", role: .clerk, secretHash: String(repeating: "a", count: 64), at: Instant(day: today), actor: actor)
        _ = try await sqlite.createToken(label: "auditor", role: .auditor, privileges: [.personalIDs], secretHash: String(repeating: "b", count: 64),
                                         at: Instant(day: today), actor: actor)
        let revoked = registered[2].entity.code
        _ = try await sqlite.recordDecision(RegistrationDecision(action: .licenseRevocation, code: revoked, documentNumber: "长市监处罚〔2026〕7号",
                                                                 decidedOn: today, reason: "未公示年度报告"), actor: actor, at: Instant(day: today), idempotency: nil)
        let listed = registered[3].entity.code
        let listing = try await sqlite.listAbnormal(.init(code: listed, reason: .unreachableAtDomicile, documentNumber: "长市监异〔2026〕3号", listedOn: today),
                                                    actor: actor, at: Instant(day: today), idempotency: nil).freshValue
        _ = try await sqlite.removeAbnormalListing(code: listed, id: listing.id, .init(documentNumber: "长市监异〔2026〕4号", removedOn: today,
                                                                                       reason: "已联系", recordedBy: actor.label),
                                                   actor: actor, at: Instant(day: today), idempotency: nil)
        let notice = try await sqlite.fileDeregistrationNotice(code: registered[4].entity.code, actor: actor, at: Instant(day: today), idempotency: nil).freshValue
        _ = try await sqlite.objectToDeregistrationNotice(code: notice.code, id: notice.id, .init(party: "债权人", reason: "货款未结清", objectedOn: today,
                                                                                                 recordedBy: actor.label),
                                                          actor: actor, at: Instant(day: today), idempotency: nil)
        return sqlite
    }

    /// Reads the SQLite registry on a thread of its own, then writes it into PostgreSQL.
    static func transfer(_ sqlite: SQLiteRegistryStore, into postgres: PostgresRegistryStore) async throws -> RegistryTransfer.Summary {
        let (chunks, summary) = try await Task.detached {
            var chunks: [RegistryTransfer.Chunk] = []
            let summary = try sqlite.readTransfer(chunkSize: 97) { chunks.append($0) }
            return (chunks, summary)
        }.value
        let queue = Mutex(chunks)
        return try await postgres.importTransfer(next: { queue.withLock { $0.isEmpty ? nil : $0.removeFirst() } }, summary: { summary })
    }

    @Test func aWholeRegistryMovesUnchangedAndCarriesOn() async throws {
        let sqlite = try await Self.richSQLiteRegistry()
        try await PostgresTestDatabase.withStore { postgres in
            let copy = try await Self.transfer(sqlite, into: postgres)
            #expect(copy.rowCounts["entities"] == 512)
            // Dossiers, feed and audit log read back the same through the store protocol.
            let dossiers = SyntheticRegistry(count: 500, seed: 5, today: Self.today).dossiers(0..<500)
            for dossier in dossiers.prefix(60) {
                let code = dossier.entity.code
                let moved = try await postgres.dossier(code)
                let original = try await sqlite.dossier(code)
                #expect(moved == original, "\(code) moved unchanged")
            }
            let feed = try await sqlite.changes(after: 0, limit: 1_000)
            let movedFeed = try await postgres.changes(after: 0, limit: 1_000)
            #expect(feed.count == 19 && movedFeed == feed, "the change feed, sequence numbers and all")
            let audit = try await sqlite.auditEntries(after: 0, limit: 1_000)
            let movedAudit = try await postgres.auditEntries(after: 0, limit: 1_000)
            #expect(!audit.isEmpty && movedAudit == audit, "the audit chain, hashes and all")
            let tokens = try await sqlite.accessTokens()
            let movedTokens = try await postgres.accessTokens()
            #expect(movedTokens == tokens)
            let revoked = try #require(feed.first { $0.change == "license-revoked" }?.code)
            let decisions = try await sqlite.decisions(code: revoked)
            let movedDecisions = try await postgres.decisions(code: revoked)
            #expect(decisions.count == 1 && movedDecisions == decisions, "the decision with its statuses")
            let listed = try #require(try CreditCode(validating: try #require(audit.first { $0.action == "registration.abnormal-listing" }?.target)))
            let listings = try await sqlite.abnormalListings(code: listed)
            let movedListings = try await postgres.abnormalListings(code: listed)
            #expect(listings.count == 1 && listings.first?.removal != nil && movedListings == listings, "the listing with its removal")
            let relisted = try await postgres.listAbnormal(.init(code: listed, reason: .unreachableAtDomicile, documentNumber: "长市监异〔2026〕5号",
                                                                 listedOn: Self.today),
                                                           actor: Actor(label: "test", role: "admin", requestID: nil), at: Instant(day: Self.today),
                                                           idempotency: nil).freshValue
            #expect(relisted.id == listings[0].id + 1, "listing ids carry on")
            let noticed = try CreditCode(validating: try #require(audit.first { $0.action == "registration.deregistration-notice" }?.target))
            let notices = try await sqlite.deregistrationNotices(code: noticed)
            let movedNotices = try await postgres.deregistrationNotices(code: noticed)
            #expect(notices.count == 1 && notices.first?.objection != nil && movedNotices == notices, "the notice with its objection")
            // Carrying on: a new code past every moved one, the feed (after the new listing's entry) and the chain
            // continuing without a gap.
            let next = try await postgres.register(ContractFixtures.draft(index: 40, zihao: "迁移后"))
            let clash = try await sqlite.dossier(next.entity.code)
            #expect(clash == nil, "\(next.entity.code) is new")
            let after = try await postgres.changes(after: feed.last!.sequence, limit: 10)
            #expect(after.map(\.sequence) == [feed.last!.sequence + 1, feed.last!.sequence + 2] && after.map(\.change) == ["abnormal-listed", "registered"]
                    && after.last?.code == next.entity.code, "\(after.map(\.change))")
            _ = try await postgres.createToken(label: "after", role: .clerk, secretHash: String(repeating: "c", count: 64),
                                               at: Instant(day: Self.today), actor: Actor(label: "test", role: "admin", requestID: nil))
            let report = try await AuditDesk(store: postgres).verifyChain()
            #expect(report.firstBreak == nil && report.checked == audit.count + 2, "the chain goes on from the moved head")
            // A second copy into the same (no longer empty) database is refused and changes nothing.
            await #expect(throws: StoreError.self) { _ = try await Self.transfer(sqlite, into: postgres) }
            let count = try await postgres.entityCount()
            #expect(count == 513)
        }
    }
}
