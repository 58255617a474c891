import ArgumentParser
import Foundation
import RegistryService
import RegistryStore
import RegistrySQLite

/// `yizhao seed`: fill an empty registry with a deterministic synthetic one.
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill an empty registry with synthetic entities (deterministic for a given --seed).",
        discussion: "Refuses a registry that already holds entities unless --force is given, which replaces them."
    )

    @Option(help: "How many entities (Changsha's registry has about 303,700).")
    var entities = 303_700

    @Option(help: "Random seed; the same seed and count give the same registry.")
    var seed: UInt64 = 1

    @Flag(help: "Erase a non-empty registry first.")
    var force = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard entities > 0, entities <= 5_000_000 else { throw ValidationError("--entities must be 1–5,000,000, not \(entities).") }
    }

    func run() async throws {
        let started = Date()
        try await store.withRegistry { try await Self.seed($0, entities: entities, seed: seed, force: force) }
        let seconds = Date().timeIntervalSince(started)
        if store.postgres == nil {
            let bytes = (try? FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int) ?? 0
            print("seeded \(entities) entities into \(store.path) in \(String(format: "%.1f", seconds)) s (\(bytes / 1_048_576) MiB)")
        } else {
            print("seeded \(entities) entities into \(store.label) in \(String(format: "%.1f", seconds)) s")
        }
    }

    /// Seeds with a progress bar; shared with `serve --seed`.
    static func seed<Store: RegistryStore>(_ registry: Store, entities: Int, seed: UInt64, force: Bool) async throws {
        let bar = ProgressBar(total: entities, label: "seeding")
        do {
            try await RegistrySeeder(store: registry).seed(
                count: entities, seed: seed, today: RegistryClock.today(),
                erase: force ? { @Sendable () async throws(StoreError) in try await registry.eraseRegistry() } : nil,
                progress: { bar.update($0) })
        } catch {
            bar.finish()
            switch error {
            case .notEmpty(let count):
                throw CommandFailure(message: "the registry already holds \(count) entities; use --force to replace them")
            case .invalidCount(let count):
                throw CommandFailure(message: "cannot seed \(count) entities", exitCode: 2)
            case .store(let error):
                throw CommandFailure(message: "seeding failed, nothing was written: \(error)")
            }
        }
    }
}
