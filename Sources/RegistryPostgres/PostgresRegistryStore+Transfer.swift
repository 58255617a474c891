import PostgresNIO
import RegistryCore
import RegistryStore

extension PostgresRegistryStore {
    /// Copies a whole registry into this **empty** database in one transaction: every chunk `next` yields (until
    /// nil) goes in with COPY, values unchanged; then the sequences continue from `summary()` (the source's
    /// counters), and the copy is checked before it commits: rows per table, the last change-feed sequence number
    /// and the audit chain's head must equal the source's. Returns the copy's own summary.
    public func importTransfer(next: @escaping @Sendable () async throws -> RegistryTransfer.Chunk?,
                               summary: @escaping @Sendable () async throws -> RegistryTransfer.Summary) async throws(StoreError) -> RegistryTransfer.Summary {
        try await transaction { connection, logger in
            for table in RegistryTransfer.tables.map(\.name) + ["change_feed_pending", "audit_pending", "search_phrase_counts", "search_term_deltas"] {
                if try await connection.firstRow(SQLStatement("SELECT count(*) AS n FROM (SELECT 1 FROM \(table) LIMIT 1) t"), logger: logger)?.int("n") ?? 0 > 0 {
                    throw StoreError.conflict("the target database is not empty (\(table) has rows); migrate-data copies into an empty registry only")
                }
            }
            try await connection.run("DROP INDEX IF EXISTS search_documents_trigrams", logger: logger)
            var phrases: [String: Int] = [:]  // the 5–6-character counts SQLite does not keep
            while let chunk = try await next() {
                var set = RowSet(chunk.table.name, chunk.table.columns)
                set.rows = chunk.rows.map { $0.map(Self.fieldValue) }
                try await set.copy(connection, logger: logger)
                if chunk.table.name == "search_documents" {
                    var grams = RowSet("search_grams", ["gram", "search_key"])
                    for row in chunk.rows {
                        guard case .integer(let key) = row[0], case .text(let document) = row[1] else { continue }
                        for gram in DossierRows.searchGrams(ofDocument: document) { grams.append([.text(gram), .integer(key)]) }
                        for phrase in DossierRows.phrases(ofDocument: document) { phrases[phrase, default: 0] += 1 }
                    }
                    try await grams.copy(connection, logger: logger)
                }
            }
            var phraseCounts = RowSet("search_phrase_counts", ["term", "documents"])
            for (phrase, documents) in phrases { phraseCounts.append([.text(phrase), .integer(Int64(documents))]) }
            try await phraseCounts.copy(connection, logger: logger)
            try await connection.run("CREATE INDEX search_documents_trigrams ON search_documents USING gin (document gin_trgm_ops)", logger: logger)
            let source = try await summary()
            try await Self.continueSequences(connection, from: source, logger: logger)
            let copy = try await Self.transferSummary(connection, logger: logger)
            var differences: [String] = []
            for table in RegistryTransfer.tables.map(\.name) where copy.rowCounts[table] != source.rowCounts[table] {
                differences.append("\(table): \(copy.rowCounts[table] ?? 0) rows, the source has \(source.rowCounts[table] ?? 0)")
            }
            if copy.feedSequence != source.feedSequence { differences.append("change feed at \(copy.feedSequence), the source at \(source.feedSequence)") }
            if copy.auditHead != source.auditHead { differences.append("audit head \(String(describing: copy.auditHead)), the source's \(String(describing: source.auditHead))") }
            guard differences.isEmpty else { throw StoreError.backend("the copy differs from the source, nothing kept: " + differences.joined(separator: "; ")) }
            return copy
        }
    }

    static func fieldValue(_ value: RegistryTransfer.Value) -> FieldValue {
        switch value {
        case .text(let text): .text(text)
        case .integer(let number): .integer(number)
        case .bytes(let bytes): .bytes(bytes)
        case .null: .null
        }
    }

    /// Sets every sequence so new rows continue after the copied ones.
    static func continueSequences(_ connection: PostgresConnection, from source: RegistryTransfer.Summary, logger: Logger) async throws {
        func set(_ sequence: String, next: Int64, minimum: Int64) async throws {
            var s = SQLStatement("SELECT setval('\(sequence)', ")
            s.append(next > minimum ? s.bind(next - 1) + ", true)" : s.bind(minimum) + ", false)")
            try await connection.run(s, logger: logger)
        }
        try await set("code_sequence", next: source.nextCodeSequence, minimum: 0)
        try await set("application_numbers", next: source.nextApplicationNumber, minimum: 1)
        for (sequence, table) in [("entity_ids", "entities"), ("access_tokens_id_seq", "access_tokens"), ("application_reviews_id_seq", "application_reviews"),
                                 ("registration_decisions_id_seq", "registration_decisions"),
                                 ("abnormal_listings_id_seq", "abnormal_listings"),
                                 ("deregistration_notices_id_seq", "deregistration_notices")] {
            let highest = try await connection.firstRow(SQLStatement("SELECT coalesce(max(id), 0) AS n FROM \(table)"), logger: logger)?.int64("n") ?? 0
            try await set(sequence, next: highest + 1, minimum: 1)
        }
    }

    /// Rows per shared table, the last feed sequence number and the audit head, as this transaction sees them.
    static func transferSummary(_ connection: PostgresConnection, logger: Logger) async throws -> RegistryTransfer.Summary {
        var counts: [String: Int] = [:]
        for table in RegistryTransfer.tables {
            counts[table.name] = try await connection.firstRow(SQLStatement("SELECT count(*) AS n FROM \(table.name)"), logger: logger)?.int("n") ?? 0
        }
        let code = try await connection.firstRow(SQLStatement("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END AS n FROM code_sequence"),
                                                 logger: logger)?.int64("n") ?? 0
        let number = try await connection.firstRow(SQLStatement("SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END AS n FROM application_numbers"),
                                                   logger: logger)?.int64("n") ?? 1
        let feed = try await connection.firstRow(SQLStatement("SELECT coalesce(max(sequence), 0) AS n FROM change_feed"), logger: logger)?.int64("n") ?? 0
        return RegistryTransfer.Summary(rowCounts: counts, nextCodeSequence: code, nextApplicationNumber: number, feedSequence: feed,
                                        auditHead: try await PostgresSequencer.auditHead(connection, logger: logger))
    }
}
