import PostgresNIO
import RegistryCore
import RegistryStore

extension PostgresRegistryStore {
    public func dossier(_ code: CreditCode) async throws(StoreError) -> EntityDossier? {
        // Five reads of one snapshot: a license version committed in between cannot show up half.
        try await transaction(.repeatableRead) { connection, logger in
            guard let id = try await PostgresDossierReader.entityID(connection, code, logger: logger) else { return nil }
            return try await PostgresDossierReader.read(connection, entityID: id, logger: logger)
        }
    }

    public func importDossiers(batches: Int, produce: @escaping @Sendable (Int) -> [EntityDossier],
                               progress: @escaping @Sendable (Int) -> Void) async throws(StoreError) {
        try await transaction { connection, logger in
            let wasEmpty = try await connection.firstRow(SQLStatement("SELECT NOT EXISTS (SELECT 1 FROM entities) AS empty"), logger: logger)?
                .bool("empty") ?? false
            // Into an empty registry the trigram index is cheaper to build once than to maintain row by row.
            if wasEmpty { try await connection.run("DROP INDEX IF EXISTS search_documents_trigrams", logger: logger) }
            var terms: [SearchText.PackedTerm: Int] = [:]
            var phrases: [String: Int] = [:]
            var highestSequence = -1
            var imported = 0
            for batch in 0..<batches {
                let dossiers = produce(batch)
                guard !dossiers.isEmpty else { continue }
                var ids = SQLStatement("SELECT nextval('entity_ids') AS id FROM generate_series(1, ")
                ids.append(ids.bind(Int64(dossiers.count)) + ")")
                let allocated = try await connection.rows(ids, logger: logger).map { try $0.int64("id") }
                var sets = DossierRows.emptySets()
                for (dossier, id) in zip(dossiers, allocated) {
                    let rows = DossierRows(dossier, id: id)
                    for index in sets.indices { sets[index].rows += rows.sets[index].rows }
                    for term in rows.terms { terms[term, default: 0] += 1 }
                    for phrase in rows.phrases { phrases[phrase, default: 0] += 1 }
                    highestSequence = max(highestSequence, rows.sequence ?? -1)
                }
                for set in sets { try await set.copy(connection, logger: logger) }
                imported += dossiers.count
                progress(imported)
            }
            var counts = RowSet("search_term_counts", ["term", "documents"])
            for (term, documents) in terms { counts.append([.text(term.text), .integer(Int64(documents))]) }
            var phraseCounts = RowSet("search_phrase_counts", ["term", "documents"])
            for (phrase, documents) in phrases { phraseCounts.append([.text(phrase), .integer(Int64(documents))]) }
            if wasEmpty {
                try await counts.copy(connection, logger: logger)
                try await phraseCounts.copy(connection, logger: logger)
                try await connection.run("""
                    CREATE INDEX search_documents_trigrams ON search_documents USING gin (document gin_trgm_ops)
                    """, logger: logger)
            } else {
                var deltas = RowSet("search_term_deltas", ["term", "delta"])
                deltas.rows = counts.rows + phraseCounts.rows
                try await deltas.copy(connection, logger: logger)
            }
            if highestSequence >= 0 {
                var advance = SQLStatement("SELECT setval('code_sequence', greatest((SELECT last_value FROM code_sequence), ")
                advance.append(advance.bind(Int64(highestSequence)) + "))")
                try await connection.run(advance, logger: logger)
            }
        }
        if batches > 0 { try await analyze() }
    }

    /// Refreshes the planner's statistics (after a bulk import, so the first searches plan well).
    func analyze() async throws(StoreError) {
        try await read { connection, logger in try await connection.run("ANALYZE", logger: logger) }
    }

    public func register(_ draft: EntityDraft) async throws(StoreError) -> EntityDossier {
        try await transaction { connection, logger in
            let journal = PostgresJournal()
            let dossier = try await Self.registerEntity(connection, draft, journal: journal, logger: logger)
            journal.change(code: dossier.entity.code, change: "registered", old: nil, new: ChangeFeedJSON.encode(dossier),
                           at: Instant(day: draft.establishedOn))
            try await journal.flush(connection, logger: logger)
            return dossier
        }
    }

    /// Allocates the draft's code and adds the whole dossier and its search index to the transaction's last writes
    /// (`journal`); `before` runs ahead of each write (fault injection). The caller holds the transaction.
    ///
    /// Codes come from a sequence (no row stays locked while this registration commits). A code an import took
    /// earlier makes the insert a unique violation on `entities.subject_id`, and the transaction runs again with the
    /// next value (`PostgresRegistryStore.isTransient`).
    static func registerEntity(_ connection: PostgresConnection, _ draft: EntityDraft, journal: PostgresJournal, logger: Logger,
                               before: (CompletionStep) throws -> Void = { _ in }) async throws -> EntityDossier {
        try before(.code)
        guard let next = try await connection.firstRow(SQLStatement("SELECT nextval('code_sequence') AS code, nextval('entity_ids') AS id"), logger: logger)
        else { throw StoreError.backend("no sequence values") }
        let code: CreditCode
        do {
            code = try CodeAllocator.creditCode(type: draft.type, authority: draft.authority, sequence: try next.int("code"))
        } catch {
            throw StoreError.sequenceExhausted
        }
        let dossier = draft.dossier(code: code)
        let rows = DossierRows(dossier, id: try next.int64("id"))
        for step in [CompletionStep.entity, .license, .tax, .statistics, .nameHistory, .searchIndex] { try before(step) }
        for set in rows.sets { journal.insert(set) }
        journal.insert(termDeltas(rows.terms.map(\.text) + rows.phrases, delta: 1))
        return dossier
    }

    /// Rows of `search_term_deltas` changing each term's document frequency by `delta`.
    static func termDeltas(_ terms: [String], delta: Int64) -> RowSet {
        var set = RowSet("search_term_deltas", ["term", "delta"])
        for term in terms { set.append([.text(term), .integer(delta)]) }
        return set
    }

    public func rename(_ code: CreditCode, to name: String, parts: NameParts, on date: CalendarDate) async throws(StoreError) -> EntityDossier {
        try await transaction { connection, logger in
            let (id, old) = try await PostgresDossierReader.load(connection, code, logger: logger, lock: true)
            var entity = old.entity
            try await PostgresEntityChanges.rename(connection, id: id, entity: &entity, to: name, parts: parts, on: date, logger: logger)
            try await PostgresEntityChanges.issueLicense(connection, id: id, entity: entity, on: date, logger: logger)
            let new = try await PostgresDossierReader.load(connection, code, logger: logger).dossier
            let registers = try await PostgresDossierReader.registers(connection, entityID: id, logger: logger)
            let journal = PostgresJournal()
            journal.change(code: code, change: "changed", old: try ChangeFeedJSON.encode(old, registers: registers),
                           new: try ChangeFeedJSON.encode(new, registers: registers), at: Instant(day: date))
            try await journal.flush(connection, logger: logger)
            return new
        }
    }

    /// Adds a change of the entity's register records (its dossier unchanged) to the transaction's change feed:
    /// `before` and the records as they now stand.
    static func feedRegisters(_ connection: PostgresConnection, _ journal: PostgresJournal, _ dossier: EntityDossier, change: String,
                              before: EntityRegisters, entityID: Int64, at instant: Instant, logger: Logger) async throws {
        let after = try await PostgresDossierReader.registers(connection, entityID: entityID, logger: logger)
        journal.change(code: dossier.entity.code, change: change, old: try ChangeFeedJSON.encode(dossier, registers: before),
                       new: try ChangeFeedJSON.encode(dossier, registers: after), at: instant)
    }

    public func changeStatus(_ code: CreditCode, to status: EntityStatus, on date: CalendarDate) async throws(StoreError) -> EntityDossier {
        try await transaction { connection, logger in
            let (id, old) = try await PostgresDossierReader.load(connection, code, logger: logger, lock: true)
            try await PostgresEntityChanges.setStatus(connection, id: id, dossier: old, to: status, on: date, logger: logger)
            let new = try await PostgresDossierReader.load(connection, code, logger: logger).dossier
            let registers = try await PostgresDossierReader.registers(connection, entityID: id, logger: logger)
            let journal = PostgresJournal()
            journal.change(code: code, change: status == .deregistered ? "deregistered" : "status-changed",
                           old: try ChangeFeedJSON.encode(old, registers: registers), new: try ChangeFeedJSON.encode(new, registers: registers),
                           at: Instant(day: date))
            try await journal.flush(connection, logger: logger)
            return new
        }
    }

    /// Removes every entity, registration, application and name reservation (for `seed --force`), in one
    /// transaction; the audit log is kept.
    public func eraseRegistry() async throws(StoreError) {
        try await transaction { connection, logger in
            try await connection.run("""
                TRUNCATE search_term_counts, search_phrase_counts, search_term_deltas, search_documents, search_grams, name_history, zihao_grams,
                    application_reviews, application_versions, applications, change_feed, change_feed_pending, name_reservations,
                    statistics_registrations, tax_registrations, business_licenses, entities
                """, logger: logger)
            try await connection.run("SELECT setval('code_sequence', 0, false)", logger: logger)
        }
    }
}
