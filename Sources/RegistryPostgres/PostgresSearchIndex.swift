import PostgresNIO
import RegistryCore

/// Keeps the search index (documents, bigram tokens, term frequencies) in step with the entities, inside the
/// caller's transaction.
enum PostgresSearchIndex {
    /// The document stored under `key`, if any.
    static func document(_ connection: PostgresConnection, key: Int64, logger: Logger) async throws -> String? {
        var select = SQLStatement("SELECT document FROM search_documents WHERE search_key = ")
        select.append(select.bind(key))
        return try await connection.firstRow(select, logger: logger)?.text("document")
    }

    /// Replaces the document under `key` with `document` under `newKey` (grams and term frequencies follow),
    /// writing the rows of `also` in the same statement.
    static func replace(_ connection: PostgresConnection, key: Int64, newKey: Int64, document: String, logger: Logger,
                        also: [RowSet] = []) async throws {
        let old = try await self.document(connection, key: key, logger: logger)
        if let old {
            var delete = SQLStatement("WITH d AS (DELETE FROM search_documents WHERE search_key = ")
            delete.append(delete.bind(key) + ") DELETE FROM search_grams WHERE search_key = " + delete.bind(key) + " AND gram = ANY("
                          + delete.bind(DossierRows.searchGrams(ofDocument: old)) + "::text[])")
            try await connection.run(delete, logger: logger)
        }
        var sets = also
        var documents = RowSet("search_documents", ["search_key", "document"])
        documents.append([.integer(newKey), .text(document)])
        sets.append(documents)
        var grams = RowSet("search_grams", ["gram", "search_key"])
        for gram in DossierRows.searchGrams(ofDocument: document) { grams.append([.text(gram), .integer(newKey)]) }
        sets.append(grams)
        let oldTerms = old.map(DossierRows.countedTerms(ofDocument:)) ?? []
        let newTerms = DossierRows.countedTerms(ofDocument: document)
        var deltas = PostgresRegistryStore.termDeltas(newTerms.subtracting(oldTerms).sorted(), delta: 1)
        deltas.rows += PostgresRegistryStore.termDeltas(oldTerms.subtracting(newTerms).sorted(), delta: -1).rows
        sets.append(deltas)
        if let insert = RowSet.insertAll(sets) { try await connection.run(insert, logger: logger) }
    }

    /// Moves the document under `oldKey` to `newKey` (a status change re-ranks the entity).
    static func rekey(_ connection: PostgresConnection, from oldKey: Int64, to newKey: Int64, fallbackDocument: String, logger: Logger) async throws {
        let document = try await self.document(connection, key: oldKey, logger: logger) ?? fallbackDocument
        var move = SQLStatement("WITH d AS (UPDATE search_documents SET search_key = ")
        move.append(move.bind(newKey) + " WHERE search_key = " + move.bind(oldKey) + ") UPDATE search_grams SET search_key = "
                    + move.bind(newKey) + " WHERE search_key = " + move.bind(oldKey) + " AND gram = ANY("
                    + move.bind(DossierRows.searchGrams(ofDocument: document)) + "::text[])")
        try await connection.run(move, logger: logger)
    }
}
