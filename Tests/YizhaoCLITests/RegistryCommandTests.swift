import Foundation
import RegistryTestSupport
import Testing

/// `yizhao seed`, `yizhao search` and `yizhao migrate`, run as the built binary.
struct RegistryCommandTests {
    func temporaryDatabase() -> String {
        Scratch.directory.appendingPathComponent("yizhao-cli-\(UUID().uuidString).db").path
    }

    @Test func seedIsIdempotentUnlessForced() throws {
        let db = temporaryDatabase()
        let first = try YizhaoProcess.run(["seed", "--entities", "300", "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("seeded 300 entities"))
        let again = try YizhaoProcess.run(["seed", "--entities", "300", "--db", db])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already holds 300 entities"))
        let forced = try YizhaoProcess.run(["seed", "--entities", "120", "--db", db, "--force"])
        #expect(forced.status == 0)
        let migrate = try YizhaoProcess.run(["migrate", "--db", db])
        #expect(migrate.status == 0)
        #expect(try YizhaoProcess.run(["seed", "--entities", "0", "--db", db]).status == 2)
    }

    @Test func searchPrintsOneEntityPerLine() throws {
        let db = temporaryDatabase()
        #expect(try YizhaoProcess.run(["seed", "--entities", "500", "--db", db]).status == 0)
        let text = try YizhaoProcess.run(["search", "长沙", "--limit", "3", "--db", db])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.split(separator: "\t").count == 6 })
        #expect(text.stderr.contains("3 shown of"))
        #expect(text.stderr.contains("--cursor"))

        let json = try YizhaoProcess.run(["search", "长沙", "--limit", "3", "--json", "--db", db])
        let objects = try json.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
        #expect(objects.count == 3)
        #expect(objects.allSatisfy { $0["code"] is String && $0["name"] is String && $0["status"] is String })

        // The cursor printed on stderr continues where the page ended.
        let cursor = String(text.stderr.split(separator: " ").last!).trimmingCharacters(in: .whitespacesAndNewlines)
        let next = try YizhaoProcess.run(["search", "长沙", "--limit", "3", "--cursor", cursor, "--db", db])
        #expect(next.status == 0)
        #expect(Set(next.stdout.split(separator: "\n")).isDisjoint(with: Set(lines)))
    }

    @Test func searchExitCodes() throws {
        let db = temporaryDatabase()
        #expect(try YizhaoProcess.run(["seed", "--entities", "50", "--db", db]).status == 0)
        let none = try YizhaoProcess.run(["search", "没有这个名字", "--db", db])
        #expect(none.status == 1)
        #expect(none.stdout.isEmpty)
        let short = try YizhaoProcess.run(["search", "长", "--db", db])
        #expect(short.status == 2)
        #expect(short.stderr.contains("at least 2"))
        let badFilter = try YizhaoProcess.run(["search", "长沙", "--status", "open", "--db", db])
        #expect(badFilter.status == 2)
    }
}
