import ArgumentParser
import Foundation
import RegistryPostgres
import RegistryService
import RegistrySQLite
import RegistryStore

/// `yizhao migrate-data --from PATH.db --to URL`: moves a whole SQLite registry onto PostgreSQL.
struct MigrateDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-data",
        abstract: "Copy a whole SQLite registry into an empty PostgreSQL database, then verify the copy.",
        discussion: """
            Everything moves unchanged in one PostgreSQL transaction: entities with their codes, licenses, registrations, \
            name history and reservations, applications and their reviews, tokens (as hashes), idempotency keys, the change \
            feed (sequence numbers kept) and the audit log (its hash chain kept). The SQLite file is read in one read \
            transaction, so writers may go on while it is copied (their later changes are not in the copy). Before the \
            copy commits, its rows per table, last change-feed sequence number and audit head are compared with the \
            source's; afterwards the whole audit chain is verified on PostgreSQL. A mismatch keeps nothing.
            """
    )

    @Option(help: "The SQLite registry file to copy (migrated to the current schema first).")
    var from: String

    @Option(help: "The empty PostgreSQL database to copy into: postgres://USER@HOST:PORT/DATABASE.")
    var to: String

    func run() async throws {
        guard FileManager.default.fileExists(atPath: from) else { throw CommandFailure(message: "no registry at \(from)") }
        let location: PostgresLocation
        do { location = try PostgresLocation(url: to) } catch { throw CommandFailure(message: "\(error)", exitCode: 2) }
        let source = try SQLiteRegistryStore(path: from)
        try await source.migrate()
        let target = PostgresRegistryStore(location: location)
        do {
            try await copy(from: source, to: target, location: location)
            await target.shutdown()
        } catch {
            await target.shutdown()
            throw error
        }
    }

    func copy(from source: SQLiteRegistryStore, to target: PostgresRegistryStore, location: PostgresLocation) async throws {
        do {
            try await target.migrate()
        } catch {
            throw CommandFailure(message: "cannot open \(location): \(error)")
        }
        let total = try await source.entityCount()
        let bar = ProgressBar(total: max(total, 1), label: "copying")
        let pipe = TransferPipe()
        let reader = Thread {
            do {
                var entities = 0
                let summary = try source.readTransfer { chunk in
                    try pipe.put(chunk)
                    if chunk.table.name == "entities" {
                        entities += chunk.rows.count
                        bar.update(entities)
                    }
                }
                pipe.finish(summary)
            } catch {
                pipe.fail(error)
            }
        }
        reader.start()
        let started = Date()
        let copy: RegistryTransfer.Summary
        do {
            copy = try await target.importTransfer(next: { try await pipe.take() }, summary: { try pipe.sourceSummary() })
        } catch {
            pipe.fail(error)
            bar.finish()
            throw CommandFailure(message: "nothing was copied: \(error)")
        }
        bar.finish()
        let seconds = Date().timeIntervalSince(started)
        // The chain as PostgreSQL now holds it, entry by entry, against the head the source had.
        let report = try await AuditDesk(store: target).verifyChain(trustedHead: copy.auditHead)
        if let failure = report.firstBreak {
            throw CommandFailure(message: "the copied audit chain does not verify at entry \(failure.sequence): \(failure)")
        }
        for table in RegistryTransfer.tables { print("\(table.name)\t\(copy.rowCounts[table.name] ?? 0) rows") }
        print("change feed\tat sequence \(copy.feedSequence)")
        print("audit chain\tintact, \(report.checked) entries, head \(copy.auditHead.map { "\($0.sequence) \($0.hash)" } ?? "none")")
        print(String(format: "copied %d entities from %@ to %@ in %.1f s; counts, feed and audit head match the source", total, from,
                     location.description, seconds))
    }
}
