import GRDB
import RegistryCore
import RegistryStore

extension SQLiteRegistryStore {
    public func importDossiers(batches: Int, produce: @escaping @Sendable (Int) -> [EntityDossier],
                               progress: @escaping @Sendable (Int) -> Void) async throws(StoreError) {
        try await write(grouped: false) { db in
            let wasEmpty = try Int.fetchOne(try db.cachedStatement(sql: "SELECT count(*) FROM entities")) == 0
            // A bulk load touches every index page at random: give it a large page cache for the
            // duration (per connection; restored below).
            let cacheSize = try Int.fetchOne(try db.cachedStatement(sql: "PRAGMA cache_size")) ?? -2_000
            try db.execute(sql: "PRAGMA cache_size = -524288")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            // Into an empty registry, secondary indexes are cheaper to build once, from sorted data, than
            // to maintain row by row: drop them and re-create them from their own stored definitions.
            let deferredIndexes = wasEmpty ? try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('entities', 'name_history', 'zihao_grams')
                """)).map { (name: $0["name"] as String, sql: $0["sql"] as String) } : []
            for index in deferredIndexes { try db.execute(sql: "DROP INDEX \(index.name)") }
            let pipeline = PreparationPipeline(batches: batches, firstID: try EntityWriter.nextEntityID(db), countTerms: wasEmpty,
                                               produce: produce)
            defer { pipeline.cancel() }  // frees the preparation thread if this transaction fails
            var highestSequence = -1
            var documents: [SearchIndexWriter.Document] = []
            var imported = 0
            for _ in 0..<batches {
                let batch = pipeline.next()
                for dossier in batch {
                    try EntityWriter.write(db, dossier, grams: !wasEmpty)
                    if !wasEmpty { try SearchIndexWriter.add(db, key: dossier.key, document: dossier.document) }
                    highestSequence = max(highestSequence, dossier.sequence ?? -1)
                }
                if wasEmpty {
                    documents += batch.map { .init(key: $0.key, document: $0.document, bigrams: $0.bigrams ?? SearchText.bigramTokens(ofDocument: $0.document)) }
                }
                imported += batch.count
                progress(imported)
            }
            if wasEmpty { try ZihaoGrams.fillAll(db) }
            for index in deferredIndexes { try db.execute(sql: index.sql) }
            if wasEmpty {
                try SearchIndexWriter.bulkAdd(db, documents: documents, termCounts: pipeline.termCounts, phraseCounts: pipeline.phraseCounts)
            }
            try db.cachedStatement(sql: "UPDATE code_sequence SET next_value = max(next_value, ?)")
                .execute(arguments: [highestSequence + 1])
        }
    }

    public func register(_ draft: EntityDraft) async throws(StoreError) -> EntityDossier {
        try await write { db in
            let dossier = try Self.registerEntity(db, draft)
            try Self.feed(db, dossier, change: "registered", old: nil, on: draft.establishedOn)
            return dossier
        }
    }

    /// Appends a direct mutation (not an application's completion) to the change feed, dated at the start of `day`. The
    /// registers, which these mutations leave as they are, go with both values; a new entity (no `old`) has none.
    static func feed(_ db: Database, _ dossier: EntityDossier, change: String, old: EntityDossier?, on day: CalendarDate) throws {
        let registers = old == nil ? EntityRegisters.none : try registers(db, entityID: try entityID(db, dossier.entity.code))
        try JournalWriter.change(db, code: dossier.entity.code, change: change, old: try old.map { try ChangeFeedJSON.encode($0, registers: registers) },
                                 new: try ChangeFeedJSON.encode(dossier, registers: registers), at: Instant(day: day))
    }

    /// Allocates the draft's code and writes the whole dossier and its search index; `before` runs ahead of
    /// each write (fault injection). The caller holds the write transaction.
    /// Registers `draft` under the next code; `searchDocument` is its search document when the caller prepared it (a
    /// completion's plan does, outside the writer).
    static func registerEntity(_ db: Database, _ draft: EntityDraft, searchDocument: String? = nil,
                               before: (CompletionStep) throws -> Void = { _ in }) throws -> EntityDossier {
        try before(.code)
        var sequence = try Int.fetchOne(try db.cachedStatement(sql: "SELECT next_value FROM code_sequence WHERE id = 1")) ?? 0
        var code: CreditCode
        repeat {
            do {
                code = try CodeAllocator.creditCode(type: draft.type, authority: draft.authority, sequence: sequence)
            } catch {
                throw StoreError.sequenceExhausted
            }
            sequence += 1
        } while try Bool.fetchOne(try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM entities WHERE subject_id = ?)"),
                                  arguments: [code.organizationCode.rawValue]) == true
        try db.cachedStatement(sql: "UPDATE code_sequence SET next_value = ? WHERE id = 1").execute(arguments: [sequence])
        let dossier = draft.dossier(code: code)
        let prepared = try EntityWriter.insert(db, dossier, id: try EntityWriter.nextEntityID(db), searchDocument: searchDocument, before: before)
        try before(.searchIndex)
        try SearchIndexWriter.add(db, key: prepared.key, document: prepared.document)
        return dossier
    }

    public func rename(_ code: CreditCode, to name: String, parts: NameParts, on date: CalendarDate) async throws(StoreError) -> EntityDossier {
        try await write { db in
            let id = try Self.entityID(db, code)
            let old = try Self.load(db, code)
            var entity = old.entity
            try EntityChanges.rename(db, id: id, entity: &entity, to: name, parts: parts, on: date)
            try EntityChanges.issueLicense(db, id: id, entity: entity, on: date)
            let new = try Self.load(db, code)
            try Self.feed(db, new, change: "changed", old: old, on: date)
            return new
        }
    }

    public func changeStatus(_ code: CreditCode, to status: EntityStatus, on date: CalendarDate) async throws(StoreError) -> EntityDossier {
        try await write { db in
            let old = try Self.load(db, code)
            try EntityChanges.setStatus(db, code, to: status, on: date)
            let new = try Self.load(db, code)
            try Self.feed(db, new, change: status == .deregistered ? "deregistered" : "status-changed", old: old, on: date)
            return new
        }
    }

    static func entityID(_ db: Database, _ code: CreditCode) throws -> Int64 {
        guard let id = try Int64.fetchOne(try db.cachedStatement(sql: "SELECT id FROM entities WHERE code = ?"), arguments: [code.rawValue]) else {
            throw StoreError.entityNotFound(code)
        }
        return id
    }

    static func load(_ db: Database, _ code: CreditCode) throws -> EntityDossier {
        guard let dossier = try DossierReader.read(db, entityID: try entityID(db, code)) else { throw StoreError.entityNotFound(code) }
        return dossier
    }

    /// Appends a change of the entity's register records (its dossier unchanged) to the change feed: `before` and the
    /// records as they now stand.
    static func feedRegisters(_ db: Database, _ dossier: EntityDossier, change: String, before: EntityRegisters, entityID: Int64,
                              at instant: Instant) throws {
        try JournalWriter.change(db, code: dossier.entity.code, change: change, old: try ChangeFeedJSON.encode(dossier, registers: before),
                                 new: try ChangeFeedJSON.encode(dossier, registers: try registers(db, entityID: entityID)), at: instant)
    }

    /// The entity's register records as they stand (for its change-feed values).
    static func registers(_ db: Database, entityID: Int64) throws -> EntityRegisters {
        EntityRegisters(decisions: try DecisionRecord.fetch(db, entityID: entityID),
                        abnormalListings: try AbnormalListingRecord.fetch(db, entityID: entityID),
                        notices: try NoticeRecord.fetch(db, entityID: entityID))
    }
}
