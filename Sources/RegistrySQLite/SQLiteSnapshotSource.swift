import GRDB
import GRDBSQLite
import RegistryCore
import RegistryStore

/// A snapshot read on one connection inside one read transaction: rows go from SQLite's column buffers straight
/// to the sink (no row values are built).
struct SQLiteSnapshotSource: SnapshotSource {
    let db: Database
    let head: SnapshotHead

    init(_ db: Database) throws {
        self.db = db
        // Reading the whole registry through read(2) copies every page into the page cache of this connection:
        // a memory map for the snapshot's duration halves the export (see docs/PERFORMANCE.md). The server's
        // connections otherwise stay unmapped (RSS); `SQLiteRegistryStore.withSnapshot` unmaps afterwards.
        try db.execute(sql: "PRAGMA mmap_size = \(Self.mapSize)")
        let sequence = try Int64.fetchOne(db, sql: "SELECT coalesce(max(sequence), 0) FROM change_feed") ?? 0
        head = SnapshotHead(sequence: sequence, audit: try JournalWriter.auditHead(db),
                            lastSnapshot: try SQLiteRegistryStore.snapshotRecords(db, limit: 1).first)
    }

    func rowCounts() throws -> [SnapshotTable: Int] {
        var counts: [SnapshotTable: Int] = [:]
        for table in SnapshotTable.allCases {
            counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.rawValue)") ?? 0
        }
        return counts
    }

    /// The most of the file a snapshot connection maps.
    static let mapSize = 4 << 30

    func rows(of table: SnapshotTable, into sink: any SnapshotRowSink) throws {
        let statement = try db.makeStatement(sql: Self.query(table))
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        let kinds = table.columns.map(\.kind)
        while true {
            let step = sqlite3_step(handle)
            if step == SQLITE_DONE { return }
            guard step == SQLITE_ROW else {
                throw StoreError.backend("snapshot of \(table.rawValue): \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
            }
            for (index, kind) in kinds.enumerated() {
                let column = Int32(index)
                if kind == .integer {
                    if sqlite3_column_type(handle, column) == SQLITE_NULL { sink.null() } else { sink.integer(sqlite3_column_int64(handle, column)) }
                } else if let text = sqlite3_column_text(handle, column) {  // NULL gives no pointer ("" gives one)
                    sink.text(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
                } else {
                    sink.null()
                }
            }
            try sink.endRow()
        }
    }

    /// The columns of `table` (SnapshotTable order) from the registry tables, in file order. Codes are ASCII and
    /// compared as bytes (BINARY), as names are.
    static func query(_ table: SnapshotTable) -> String {
        switch table {
        case .entities:
            """
            SELECT code, name, zihao, name_region, name_industry, name_form, type, status, authority, domicile, legal_representative,
                   legal_representative_id, registered_capital_yuan, business_scope, industry_code, established_on, operating_term_end,
                   status_changed_on, name_shown_as_code, suspended_until
            FROM entities ORDER BY code
            """
        case .licenses:
            """
            SELECT e.code, l.version, l.issued_on, l.name, l.type, l.legal_representative, l.registered_capital_yuan, l.domicile,
                   l.business_scope, l.authority, l.established_on
            FROM entities e JOIN business_licenses l ON l.entity_id = e.id ORDER BY e.code, l.version
            """
        case .tax:
            """
            SELECT e.code, t.tax_authority, t.finance_officer, t.finance_officer_id, t.tax_handler, t.tax_handler_id, t.accounting_method,
                   t.headcount, t.registered_on
            FROM entities e JOIN tax_registrations t ON t.entity_id = e.id ORDER BY e.code
            """
        case .statistics:
            """
            SELECT e.code, s.industry_code, s.main_activity, s.employees, s.registered_on
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
