import ArgumentParser
import Foundation
import RegistryCore
import RegistryService
import RegistrySQLite
import RegistryStore

/// `yizhao open-data export`: the public ten-field dataset as one bulk file (SPEC §5), docs/open-data.md.
struct OpenDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open-data",
        abstract: "Export the public open dataset (ten fields per entity, no personal data).",
        subcommands: [Export.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the open dataset, every category or one, as CSV or NDJSON (the snapshot byte formats).")

        @Option(help: "The file to write (replaced when it exists).")
        var out: String

        @Option(help: "One category: \(OpenDataCategory.allCases.map(\.rawValue).joined(separator: ", ")). Default: all.")
        var category: String?

        @Option(help: "csv or ndjson.")
        var format = "csv"

        @OptionGroup var store: StoreOptions

        func validate() throws {
            if let category, OpenDataCategory(rawValue: category) == nil {
                throw ValidationError("--category must be one of \(OpenDataCategory.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard SnapshotFormat(rawValue: format) != nil else { throw ValidationError("--format must be csv or ndjson.") }
        }

        func run() async throws {
            try await store.withRegistry { try await export($0) }
        }

        func export<Store: RegistryStore>(_ registry: Store) async throws {
            let desk = OpenDataDesk(store: registry)
            let total = try await registry.entityCount()
            let temporary = out + ".partial"
            guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
                throw CommandFailure(message: "cannot create \(temporary)")
            }
            let bar = ProgressBar(total: total, label: "open data")
            let encoder = SnapshotEncoder(columns: OpenDataEntity.columns, format: SnapshotFormat(rawValue: format)!, masksPersonalIDs: false) {
                try handle.write(contentsOf: $0)
            }
            var cursor: String?
            do {
                repeat {
                    let page = try await desk.page(category: category.flatMap(OpenDataCategory.init(rawValue:)), cursor: cursor, limit: 1_000)
                    for entity in page.entities { try encoder.row(entity.row) }
                    bar.update(encoder.rows)
                    cursor = page.nextCursor
                } while cursor != nil
                try encoder.flush()
                try handle.synchronize()
                try handle.close()
                if FileManager.default.fileExists(atPath: out) { try FileManager.default.removeItem(atPath: out) }
                try FileManager.default.moveItem(atPath: temporary, toPath: out)
            } catch {
                bar.finish()
                try? FileManager.default.removeItem(atPath: temporary)
                throw CommandFailure(message: "open data not written: \(error)")
            }
            if encoder.rows < total { bar.finish() }
            print("\(encoder.rows) entities written to \(out)")
        }
    }
}
