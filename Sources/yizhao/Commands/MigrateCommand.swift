import ArgumentParser

/// `yizhao migrate`: apply pending schema migrations.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending schema migrations to the registry (append-only, safe to repeat)."
    )

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withRegistry { _ in }
        print("\(store.label): migrations applied")
    }
}
