import Dispatch
import GRDB
import RegistryCore
import RegistryStore
import Synchronization

extension SQLiteRegistryStore {
    public func withSnapshot<T: Sendable>(parts: Int, _ body: @escaping @Sendable (Int, any SnapshotSource) -> T) async throws(StoreError) -> [T] {
        let results = Mutex<[Int: Result<T, any Error>]>([:])
        let group = DispatchGroup()
        do {
            // Concurrent reads started from the writer's queue, outside a transaction, all see the last commit made
            // before they start; holding the writer while they start keeps any commit from slipping in between.
            try await pool.writeWithoutTransaction { _ in
                for part in 0..<parts {
                    group.enter()
                    self.pool.asyncConcurrentRead { connection in
                        let result = Result { () throws -> T in
                            let db = try connection.get()
                            defer { try? db.execute(sql: "PRAGMA mmap_size = 0") }
                            return body(part, try SQLiteSnapshotSource(db))
                        }
                        results.withLock { $0[part] = result }
                        group.leave()
                    }
                }
            }
        } catch {
            throw Self.translate(error)
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            group.notify(queue: .global()) { continuation.resume() }
        }
        do {
            return try results.withLock { finished in try (0..<parts).map { try finished[$0]!.get() } }
        } catch {
            throw Self.translate(error)
        }
    }

    public func recordSnapshot(_ record: SnapshotRecord, actor: Actor, action: String,
                               idempotency: Idempotent<SnapshotRecord>?) async throws(StoreError) -> Replayable<SnapshotRecord> {
        try await idempotentWrite(idempotency, at: record.takenAt, retiringSearchPages: false) { db in
            let last = try Self.snapshotRecords(db, limit: 1).first
            guard record.number == (last?.number ?? 0) + 1, record.previousSHA256 == last?.manifestSHA256 else {
                throw StoreError.conflict("snapshot \(last?.number ?? 0) was recorded while snapshot \(record.number) was being taken; take it again")
            }
            try db.cachedStatement(sql: """
                INSERT INTO snapshots (number, sequence, taken_at, manifest_sha256, previous_sha256) VALUES (?, ?, ?, ?, ?)
                """)
                .execute(arguments: [record.number, record.sequence, record.takenAt.description, record.manifestSHA256, record.previousSHA256])
            try JournalWriter.audit(db, actor, action: action, target: "snapshot:\(record.number)", at: record.takenAt)
            return record
        }
    }

    public func snapshotRecords(limit: Int) async throws(StoreError) -> [SnapshotRecord] {
        try await read { db in try Self.snapshotRecords(db, limit: limit) }
    }

    static func snapshotRecords(_ db: Database, limit: Int) throws -> [SnapshotRecord] {
        try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM snapshots ORDER BY number DESC LIMIT ?"), arguments: [limit]).map { row in
            SnapshotRecord(number: row["number"], sequence: row["sequence"],
                           takenAt: try ApplicationRecord.parse(Instant(iso: row["taken_at"]), "taken_at"),
                           manifestSHA256: row["manifest_sha256"], previousSHA256: row["previous_sha256"])
        }
    }

    public func openData(sections: [Character], after cursor: OpenDataCursor?, limit: Int) async throws(StoreError) -> [OpenDataRecord] {
        let sections = sections.sorted().filter { cursor == nil || $0 >= cursor!.section }
        return try await read { db in
            var records: [OpenDataRecord] = []
            let statement = try db.cachedStatement(sql: """
                SELECT e.code, e.name, e.name_shown_as_code, e.type, e.legal_representative, e.established_on, e.registered_capital_yuan,
                       e.domicile, e.authority, e.status, e.industry_code, s.main_activity
                FROM entities e LEFT JOIN statistics_registrations s ON s.entity_id = e.id
                WHERE e.industry_section = ? AND e.code > ? ORDER BY e.code LIMIT ?
                """)
            for section in sections where records.count < limit {
                let after = section == cursor?.section ? cursor!.code : ""
                let rows = try Row.fetchAll(statement, arguments: [String(section), after, limit - records.count])
                records += try rows.map(Self.openDataRecord)
            }
            return records
        }
    }

    static func openDataRecord(_ row: Row) throws -> OpenDataRecord {
        OpenDataRecord(
            code: try DossierReader.code(row["code"]), name: row["name"], nameShownAsCode: row["name_shown_as_code"],
            type: try DossierReader.parse(row["type"], EntityType.init(rawValue:), "type"), legalRepresentative: row["legal_representative"],
            establishedOn: try DossierReader.date(row["established_on"]), registeredCapitalYuan: row["registered_capital_yuan"],
            domicile: row["domicile"], authority: try DossierReader.parse(row["authority"], { RegionCode($0) }, "authority"),
            status: try DossierReader.parse(row["status"], EntityStatus.init(parsing:), "status"),
            industry: try DossierReader.parse(row["industry_code"], { IndustryCode($0) }, "industry_code"), mainActivity: row["main_activity"])
    }
}
