import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

/// Entry point: runs the command and maps outcomes to SPEC §7's exit codes — 0 success, 1 a negative
/// answer (an invalid code, a blocked name) or a failure to do the work, 2 a usage error.
@main
enum YizhaoMain {
    static func main() async {
        do {
            var command = try Yizhao.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if Yizhao.exitCode(for: error) == .validationFailure {
                FileOutput.standardError.write(Yizhao.fullMessage(for: error) + "\n")
                exit(2)
            }
            if let failure = error as? CommandFailure {
                FileOutput.standardError.write("yizhao: \(failure.message)\n")
                exit(failure.exitCode)
            }
            Yizhao.exit(withError: error)
        }
    }
}

/// The root command.
struct Yizhao: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yizhao",
        abstract: "Yizhao (一照一码): unified commercial registration — credit codes and the market-entity registry.",
        subcommands: [ServeCommand.self, CodeCommand.self, SearchCommand.self, NameCommand.self, SeedCommand.self, MigrateCommand.self, MigrateDataCommand.self, TokenCommand.self, BatchCommand.self, LicenseCommand.self, ApplicationCommand.self, SnapshotCommand.self, AuditCommand.self, OpenDataCommand.self, BenchCommand.self]
    )
}

/// A command that could not do its work; printed to stderr and mapped to an exit code.
struct CommandFailure: Error {
    /// What went wrong, one line.
    let message: String
    /// The process exit code.
    var exitCode: Int32 = 1
}
