import PostgresNIO
import RegistryCore
import RegistryStore

/// A snapshot read on one connection inside one REPEATABLE READ transaction that imported the snapshot
/// exported by the first part's transaction: every part sees the same commit. Called from a thread of its own;
/// each call blocks that thread while the rows stream in from the connection.
final class PostgresSnapshotSource: SnapshotSource, @unchecked Sendable {
    // @unchecked: used by one thread at a time (the part's), the connection by one task at a time.
    let connection: PostgresConnection
    let logger: Logger
    let head: SnapshotHead

    init(connection: PostgresConnection, logger: Logger, head: SnapshotHead) {
        self.connection = connection
        self.logger = logger
        self.head = head
    }

    /// Runs `operation` on the connection and waits for it.
    private func blocking<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
        let channel = BlockingChannel<T>(capacity: 1)
        Task {
            do {
                await channel.send(try await operation())
                channel.finish()
            } catch {
                channel.finish(error)
            }
        }
        guard let value = try channel.receive() else { throw StoreError.backend("snapshot read ended early") }
        return value
    }

    func rowCounts() throws -> [SnapshotTable: Int] {
        let connection = self.connection
        let logger = self.logger
        return try blocking {
            var counts: [SnapshotTable: Int] = [:]
            for table in SnapshotTable.allCases {
                counts[table] = try await connection.firstRow(SQLStatement("SELECT count(*) AS n FROM \(Self.tableName(table))"), logger: logger)?
                    .int("n") ?? 0
            }
            return counts
        }
    }

    static func tableName(_ table: SnapshotTable) -> String {
        switch table {
        case .entities: "entities"
        case .licenses: "business_licenses"
        case .tax: "tax_registrations"
        case .statistics: "statistics_registrations"
        case .names: "name_history"
        case .decisions: "registration_decisions"
        case .abnormalListings: "abnormal_listings"
        case .notices: "deregistration_notices"
        }
    }

    func rows(of table: SnapshotTable, into sink: any SnapshotRowSink) throws {
        let channel = BlockingChannel<[[FieldValue]]>(capacity: 8)
        let connection = self.connection
        let logger = self.logger
        let kinds = table.columns.map(\.kind)
        let producer = Task {
            do {
                var chunk: [[FieldValue]] = []
                chunk.reserveCapacity(2_048)
                for try await row in try await connection.query(PostgresQuery(unsafeSQL: Self.query(table)), logger: logger) {
                    var values: [FieldValue] = []
                    values.reserveCapacity(kinds.count)
                    for (cell, kind) in zip(row, kinds) {
                        if kind == .integer {
                            values.append(FieldValue(try cell.decode(Int64?.self)))
                        } else {
                            values.append(FieldValue(try cell.decode(String?.self)))
                        }
                    }
                    chunk.append(values)
                    if chunk.count == 2_048 {
                        await channel.send(chunk)
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
                if !chunk.isEmpty { await channel.send(chunk) }
                channel.finish()
            } catch {
                channel.finish(StoreError.backend("snapshot of \(table.rawValue): \(PostgresRegistryStore.translate(error))"))
            }
        }
        defer { producer.cancel() }
        while let chunk = try channel.receive() {
            for row in chunk {
                for value in row {
                    switch value {
                    case .null: sink.null()
                    case .integer(let number): sink.integer(number)
                    case .boolean(let flag): sink.integer(flag ? 1 : 0)
                    case .text(var text): text.withUTF8 { sink.text($0) }
                    case .bytes(let bytes): bytes.withUnsafeBufferPointer { sink.text($0) }
                    }
                }
                try sink.endRow()
            }
        }
    }

    /// The columns of `table` (SnapshotTable order), in file order: codes and names compared as bytes ("C").
    static func query(_ table: SnapshotTable) -> String {
        switch table {
        case .entities:
            """
            SELECT code, name, zihao, name_region, name_industry, name_form, type, status, authority, domicile, legal_representative,
                   legal_representative_id, registered_capital_yuan, business_scope, industry_code, established_on, operating_term_end,
                   status_changed_on, name_shown_as_code::int4::int8, suspended_until
            FROM entities ORDER BY code
            """
        case .licenses:
            """
            SELECT e.code, l.version::int8, l.issued_on, l.name, l.type, l.legal_representative, l.registered_capital_yuan, l.domicile,
                   l.business_scope, l.authority, l.established_on
            FROM entities e JOIN business_licenses l ON l.entity_id = e.id ORDER BY e.code, l.version
            """
        case .tax:
            """
            SELECT e.code, t.tax_authority, t.finance_officer, t.finance_officer_id, t.tax_handler, t.tax_handler_id, t.accounting_method,
                   t.headcount::int8, t.registered_on
            FROM entities e JOIN tax_registrations t ON t.entity_id = e.id ORDER BY e.code
            """
        case .statistics:
            """
            SELECT e.code, s.industry_code, s.main_activity, s.employees::int8, s.registered_on
            FROM entities e JOIN statistics_registrations s ON s.entity_id = e.id ORDER BY e.code
            """
        case .names:
            """
            SELECT e.code, n.name, n.zihao, n.valid_from, n.valid_to
            FROM entities e JOIN name_history n ON n.entity_id = e.id ORDER BY e.code, n.valid_from, n.name
            """
        case .decisions:
            """
            SELECT e.code, d.id, d.action, d.document_number, d.decided_on, d.reason, d.status_before, d.suspended_until_before, d.status_after,
                   d.recorded_by, d.recorded_at
            FROM entities e JOIN registration_decisions d ON d.entity_id = e.id ORDER BY e.code, d.id
            """
        case .abnormalListings:
            """
            SELECT e.code, l.id, l.reason, l.document_number, l.listed_on, l.listed_by, l.removal_document_number, l.removed_on,
                   l.removal_reason, l.removed_by
            FROM entities e JOIN abnormal_listings l ON l.entity_id = e.id ORDER BY e.code, l.id
            """
        case .notices:
            """
            SELECT e.code, n.id, n.notice_from, n.filed_by, n.objection_party, n.objection_reason, n.objected_on, n.objection_recorded_by
            FROM entities e JOIN deregistration_notices n ON n.entity_id = e.id ORDER BY e.code, n.id
            """
        }
    }
}
