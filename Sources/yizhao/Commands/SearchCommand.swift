import ArgumentParser
import Foundation
import RegistryCore
import RegistryService
import RegistryStore
import RegistrySQLite

/// `yizhao search QUERY`: the registry search of SPEC §3 from the shell.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the registry by any part of a current or former name, 字号 pinyin or initials, or a code prefix.",
        discussion: """
            Prints one entity per line: CODE<TAB>NAME<TAB>STATUS<TAB>TYPE<TAB>AUTHORITY<TAB>ESTABLISHED, best match first;
            with --json one JSON object per line. The total and the cursor of the next page go to standard error.
            Exit status: 0 with results, 1 with none, 2 on a usage error (e.g. a 1-character query).
            """
    )

    @Argument(help: "What to look for: 2+ characters of a name, pinyin (weihou) or initials (wh), or a code prefix.")
    var query: String

    @Option(help: "Results per page (1–100).")
    var limit = 20

    @Option(help: "Only authorities whose region code starts with these digits (e.g. 4301, 430104).")
    var region: String?

    @Option(help: "Only this status: active, suspended, liquidating, deregistered, revoked, moved-out, cancelled (or 存续, 歇业, 清算, 注销, …).")
    var status: String?

    @Option(help: "Only this entity type: llc, joint-stock, partnership, sole-proprietorship, individual, cooperative, branch.")
    var type: String?

    @Option(help: "Only this GB/T 4754 门类 (A–T).")
    var section: String?

    @Option(help: "Continue after a previous page (the cursor it printed).")
    var cursor: String?

    @Flag(help: "One JSON object per line.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withRegistry { try await search($0) }
    }

    func search<Store: RegistryStore>(_ registry: Store) async throws {
        let directory = RegistryDirectory(store: registry)
        let request = RegistryDirectory<Store>.Request(text: query, region: region, status: status, type: type, section: section,
                                                cursor: cursor, limit: limit)
        let result: (query: SearchQuery, page: SearchPage)
        do {
            result = try await directory.search(request)
        } catch {
            switch error {
            case .invalidSearch(let invalid):
                throw CommandFailure(message: invalid.problems.map { "\($0.parameter): \($0.message)" }.joined(separator: "; "), exitCode: 2)
            default:
                throw CommandFailure(message: "search failed: \(error)")
            }
        }
        let output = FileOutput.standardOutput
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for hit in result.page.hits {
            if json {
                output.write(String(decoding: try encoder.encode(SearchHitView(hit)), as: UTF8.self) + "\n")
            } else {
                output.write("\(hit.code)\t\(hit.name)\t\(hit.status.display)\t\(hit.type.rawValue)\t\(hit.authority)\t\(hit.establishedOn)\n")
            }
        }
        output.flush()
        let page = result.page
        var summary = "\(page.hits.count) shown of \(page.totalIsEstimate ? "about " : "")\(page.total)"
        if let next = page.nextCursor { summary += "; next page: --cursor \(next.token(fingerprint: result.query.fingerprint))" }
        FileOutput.standardError.write(summary + "\n")
        if page.hits.isEmpty { throw ExitCode(1) }
    }
}
