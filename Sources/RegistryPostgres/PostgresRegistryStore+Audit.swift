import PostgresNIO
import RegistryCore
import RegistryStore

extension PostgresRegistryStore {
    /// The parts read one snapshot: the first part's REPEATABLE READ transaction starts (and exports its snapshot
    /// with `pg_export_snapshot`) while the journal lock is held exclusively, right after pending feed entries
    /// are numbered — so the snapshot is exactly at a feed sequence number — and the other parts import it.
    public func withSnapshot<T: Sendable>(parts: Int, _ body: @escaping @Sendable (Int, any SnapshotSource) -> T) async throws(StoreError) -> [T] {
        let logger = self.logger
        let client = self.client
        do {
            return try await client.withConnection { leader in
                try await leader.run(SQLStatement("SELECT pg_advisory_lock(\(LockKey.journal))"), logger: logger)
                let snapshot: String
                let head: SnapshotHead
                do {
                    try await leader.run("BEGIN", logger: logger)
                    try await PostgresSequencer.run(leader, logger: logger, transactionLock: false)
                    try await leader.run("COMMIT", logger: logger)
                    try await leader.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                    snapshot = try await leader.firstRow(SQLStatement("SELECT pg_export_snapshot() AS id"), logger: logger)?.text("id") ?? ""
                    try await leader.run(SQLStatement("SELECT pg_advisory_unlock(\(LockKey.journal))"), logger: logger)
                    head = try await Self.snapshotHead(leader, logger: logger)
                } catch {
                    try? await leader.run("ROLLBACK", logger: logger)
                    try? await leader.run(SQLStatement("SELECT pg_advisory_unlock(\(LockKey.journal))"), logger: logger)
                    throw error
                }
                do {
                    return try await withThrowingTaskGroup(of: (Int, T).self) { group in
                    group.addTask {
                        let source = PostgresSnapshotSource(connection: leader, logger: logger, head: head)
                        return (0, await onDedicatedThread { body(0, source) })
                    }
                    for part in 1..<max(parts, 1) {
                        group.addTask {
                            try await client.withConnection { connection in
                                try await connection.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                                do {
                                    var set = SQLStatement("SET TRANSACTION SNAPSHOT ")
                                    // SET takes no parameters: the id comes from pg_export_snapshot and is quoted as a literal.
                                    set.append("'" + snapshot.filter { $0.isLetter || $0.isNumber || $0 == "-" } + "'")
                                    try await connection.run(set, logger: logger)
                                    let source = PostgresSnapshotSource(connection: connection, logger: logger, head: head)
                                    let result = await onDedicatedThread { body(part, source) }
                                    try await connection.run("ROLLBACK", logger: logger)
                                    return (part, result)
                                } catch {
                                    try? await connection.run("ROLLBACK", logger: logger)
                                    throw error
                                }
                            }
                        }
                    }
                    var results: [Int: T] = [:]
                    for try await (part, result) in group { results[part] = result }
                    try await leader.run("ROLLBACK", logger: logger)
                    return (0..<max(parts, 1)).compactMap { results[$0] }
                    }
                } catch {
                    // The connection goes back to the pool: never with the snapshot's transaction still open.
                    try? await leader.run("ROLLBACK", logger: logger)
                    throw error
                }
            }
        } catch {
            throw Self.translate(error)
        }
    }

    static func snapshotHead(_ connection: PostgresConnection, logger: Logger) async throws -> SnapshotHead {
        let sequence = try await connection.firstRow(SQLStatement("SELECT coalesce(max(sequence), 0) AS n FROM change_feed"), logger: logger)?
            .int64("n") ?? 0
        return SnapshotHead(sequence: sequence, audit: try await PostgresSequencer.auditHead(connection, logger: logger),
                            lastSnapshot: try await snapshotRecords(connection, limit: 1, logger: logger).first)
    }

    public func recordSnapshot(_ record: SnapshotRecord, actor: Actor, action: String,
                               idempotency: Idempotent<SnapshotRecord>?) async throws(StoreError) -> Replayable<SnapshotRecord> {
        try await idempotentWrite(idempotency, at: record.takenAt) { connection, journal, logger in
            try await connection.run("LOCK TABLE snapshots IN EXCLUSIVE MODE", logger: logger)
            let last = try await Self.snapshotRecords(connection, limit: 1, logger: logger).first
            guard record.number == (last?.number ?? 0) + 1, record.previousSHA256 == last?.manifestSHA256 else {
                throw StoreError.conflict("snapshot \(last?.number ?? 0) was recorded while snapshot \(record.number) was being taken; take it again")
            }
            var row = RowSet("snapshots", ["number", "sequence", "taken_at", "manifest_sha256", "previous_sha256"])
            row.append([.integer(record.number), .integer(record.sequence), .text(record.takenAt.description), .text(record.manifestSHA256),
                        FieldValue(record.previousSHA256)])
            if let insert = RowSet.insertAll([row]) { try await connection.run(insert, logger: logger) }
            journal.audit(actor, action: action, target: "snapshot:\(record.number)", at: record.takenAt)
            return record
        }
    }

    public func snapshotRecords(limit: Int) async throws(StoreError) -> [SnapshotRecord] {
        try await read { connection, logger in try await Self.snapshotRecords(connection, limit: limit, logger: logger) }
    }

    static func snapshotRecords(_ connection: PostgresConnection, limit: Int, logger: Logger) async throws -> [SnapshotRecord] {
        var s = SQLStatement("SELECT * FROM snapshots ORDER BY number DESC LIMIT ")
        s.append(s.bind(Int64(limit)))
        return try await connection.rows(s, logger: logger).map { row in
            SnapshotRecord(number: try row.int64("number"), sequence: try row.int64("sequence"), takenAt: try row.parse("taken_at", Instant.init(iso:)),
                           manifestSHA256: try row.text("manifest_sha256"), previousSHA256: try row.optionalText("previous_sha256"))
        }
    }

    public func openData(sections: [Character], after cursor: OpenDataCursor?, limit: Int) async throws(StoreError) -> [OpenDataRecord] {
        let sections = sections.sorted().filter { cursor == nil || $0 >= cursor!.section }
        return try await read { connection, logger in
            var records: [OpenDataRecord] = []
            for section in sections where records.count < limit {
                let after = section == cursor?.section ? cursor!.code : ""
                var s = SQLStatement()
                s.append("""
                    SELECT e.code, e.name, e.name_shown_as_code, e.type, e.legal_representative, e.established_on, e.registered_capital_yuan,
                           e.domicile, e.authority, e.status, e.industry_code, s.main_activity
                    FROM entities e LEFT JOIN statistics_registrations s ON s.entity_id = e.id
                    WHERE e.industry_section = \(s.bind(String(section))) AND e.code > \(s.bind(after)) ORDER BY e.code LIMIT \(s.bind(Int64(limit - records.count)))
                    """)
                records += try await connection.rows(s, logger: logger).map { row in
                    OpenDataRecord(
                        code: try row.parse("code") { try? CreditCode(validating: $0) }, name: try row.text("name"),
                        nameShownAsCode: try row.bool("name_shown_as_code"), type: try row.parse("type", EntityType.init(rawValue:)),
                        legalRepresentative: try row.text("legal_representative"),
                        establishedOn: try row.parse("established_on", CalendarDate.init(iso:)),
                        registeredCapitalYuan: try row.optionalInt64("registered_capital_yuan"), domicile: try row.text("domicile"),
                        authority: try row.parse("authority") { RegionCode($0) }, status: try row.parse("status", EntityStatus.init(parsing:)),
                        industry: try row.parse("industry_code") { IndustryCode($0) }, mainActivity: try row.optionalText("main_activity"))
                }
            }
            return records
        }
    }
}
