import ArgumentParser
import Foundation
import RegistryCore

/// `yizhao application example`: a complete unified form to start from (synthetic persons), as JSON for
/// `POST /v1/applications`.
struct ApplicationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "application",
        abstract: "Helpers for unified applications.",
        subcommands: [Example.self]
    )

    struct Example: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a complete, valid establishment form (a 有限责任公司 at 430104 with synthetic persons) as JSON.")

        @Option(help: "The proposed name.")
        var name = "长沙云图湾网络科技有限公司"

        func run() throws {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(ApplicationFormInput.example(name: name)), as: UTF8.self))
        }
    }
}
