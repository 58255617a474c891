import GRDB
import RegistryStore

extension SQLiteRegistryStore {
    /// FTS5 pages (~4 KB) one merge step writes at most, so that registrations wait only one short step. At a server's
    /// start on a slow machine, 73 such steps merged a multi-segment 303,700 seed in 4.3 s (~40 ms a step besides its 20 ms
    /// pause).
    public static let searchMergeStepPages = 128

    /// Merges each search index's segments back into one, a step at a time, and returns the steps that did work (0
    /// when nothing was written since the last merge). Every write transaction adds a small segment to each FTS5
    /// index and FTS5's own merging leaves one or more per level; every term a query looks up costs a seek in each.
    /// On the 303,700 seed, 750 transactions of 4 registrations took the raw 5-character phrase query from 0.08 to
    /// 0.20 ms. Steps are separate write transactions with `pause` between them, so writes go on meanwhile; a
    /// cancelled task stops after the step in progress (each step is atomic, and a later call continues the merge).
    public func mergeSearchSegments(pause: Duration = .milliseconds(20), maximumSteps: Int = 1_000) async throws(StoreError) -> Int {
        var steps = 0
        for table in ["search_trigrams", "search_bigrams"] {
            // The first step is negative: it gathers every segment into one level and merges even two of them; the
            // later ones continue that merge. A step that changes fewer than two rows found nothing to merge.
            var pages = -Self.searchMergeStepPages
            while steps < maximumSteps && !Task.isCancelled {
                let step = pages
                let merged = try await write(retiringSearchPages: false, grouped: false) { db in
                    let before = db.totalChangesCount
                    try db.execute(sql: "INSERT INTO \(table) (\(table), rank) VALUES ('merge', ?)", arguments: [step])
                    return db.totalChangesCount - before >= 2
                }
                guard merged else { break }
                steps += 1
                pages = Self.searchMergeStepPages
                try? await Task.sleep(for: pause)
            }
        }
        return steps
    }
}
