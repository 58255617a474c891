import ArgumentParser
import Foundation
import RegistryCore
import RegistryService
import RegistrySQLite
import RegistryStore

/// `yizhao name …`: the name pre-check of SPEC §2.
struct NameCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "name",
        abstract: "Pre-check proposed enterprise names (企业名称自主申报).",
        subcommands: [NameCheckCommand.self]
    )
}

/// `yizhao name check NAME --type T --industry CODE --authority REGION`.
struct NameCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a proposed name against the naming rules and the registry.",
        discussion: """
            Prints the verdict (rejected, blocked, warning, available), the parse, every rule finding and every conflict with
            an existing name (code, name, status). --json prints one object with verdict, findings, conflicts and parse.
            Exit status: 0 available or warning, 1 blocked or rejected, 2 on a usage error.
            """
    )

    @Argument(help: "The proposed name, e.g. 长沙红光贸易有限公司.")
    var name: String

    @Option(help: "Entity type: llc, joint-stock, partnership, sole-proprietorship, individual, cooperative, branch.")
    var type: String

    @Option(help: "GB/T 4754-2017 industry code (小类 or coarser), e.g. 5191.")
    var industry: String

    @Option(help: "The registering authority's six-digit region code, e.g. 430104.")
    var authority: String

    @Option(help: "For a branch: the parent's registered name.")
    var parent: String?

    @Option(help: "Code of an entity the applicant has an investment relationship with or a transfer from (repeatable).")
    var related: [String] = []

    @Flag(help: "One JSON object.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let request: NameCheckRequest
        do {
            request = try NameDesk<SQLiteRegistryStore>.request(name: name, type: type, industry: industry, authority: authority,
                                                                parent: parent, related: related)
        } catch {
            guard case .invalidRequest(let problems) = error else { throw CommandFailure(message: "\(error)") }
            throw CommandFailure(message: problems.map { "--\($0.field.split(separator: "/")[0]): \($0.message)" }.joined(separator: "; "), exitCode: 2)
        }
        let result = try await store.withRegistry { try await Self.check($0, request) }
        let output = FileOutput.standardOutput
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            output.write(String(decoding: try encoder.encode(NameCheckView(result)), as: UTF8.self) + "\n")
        } else {
            output.write(Self.text(result))
        }
        output.flush()
        if !result.verdict.allowsReservation { throw ExitCode(1) }
    }

    static func check<Store: RegistryStore>(_ registry: Store, _ request: NameCheckRequest) async throws -> NameCheckResult {
        do {
            return try await NameDesk(store: registry, today: { RegistryClock.today() }).check(request)
        } catch {
            throw CommandFailure(message: "name check failed: \(error)")
        }
    }

    /// The plain-text report: verdict, parse, findings, conflicts, one per line.
    static func text(_ result: NameCheckResult) -> String {
        let parse = result.parse
        var lines = ["verdict\t\(result.verdict.rawValue)",
                     "parse\tregion=\(parse.region)\tplacement=\(parse.regionPlacement.rawValue)\tzihao=\(parse.zihao)\tindustry=\(parse.industry)\tform=\(parse.groupWord + parse.form)"]
        for finding in result.findings {
            lines.append("finding\t\(finding.rule.id)\t\(finding.severity.rawValue)\t\(finding.message)\t\(finding.messageEnglish)")
        }
        for conflict in result.conflicts {
            lines.append("conflict\t\(conflict.rule.id)\t\(conflict.severity.rawValue)\t\(conflict.existing.code?.rawValue ?? conflict.existing.reservationID ?? "")\t\(conflict.existing.name)\t\(conflict.existing.status)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
