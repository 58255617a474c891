import Foundation
import RegistryTestSupport
import Testing

/// `yizhao snapshot export|verify`, `yizhao audit verify|list|changes` and `yizhao open-data export`, run as the
/// built binary.
struct AuditorCommandTests {
    @Test func exportVerifyTamperAndTheAuditChain() throws {
        let directory = Scratch.directory.appendingPathComponent("yizhao-cli-auditor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let db = directory.appendingPathComponent("registry.db").path
        #expect(try YizhaoProcess.run(["seed", "--entities", "60", "--db", db]).status == 0)
        #expect(try YizhaoProcess.run(["token", "create", "--role", "auditor", "--privilege", "personal-ids", "--db", db]).status == 0)
        let wrongRole = try YizhaoProcess.run(["token", "create", "--role", "clerk", "--privilege", "personal-ids", "--db", db])
        #expect(wrongRole.status == 2 && wrongRole.stderr.contains("auditor role only"))

        let first = directory.appendingPathComponent("s1").path
        let second = directory.appendingPathComponent("s2").path
        let exported = try YizhaoProcess.run(["snapshot", "export", "--out", first, "--db", db])
        #expect(exported.status == 0 && exported.stdout.hasPrefix("snapshot 1 as of change 0: 16 files"), "\(exported.stderr)")
        #expect(try YizhaoProcess.run(["snapshot", "export", "--out", second, "--format", "csv", "--db", db]).status == 0)
        let refused = try YizhaoProcess.run(["snapshot", "export", "--out", second, "--db", db])
        #expect(refused.status == 1 && refused.stderr.contains("not empty"))
        let verified = try YizhaoProcess.run(["snapshot", "verify", second, "--previous", first])
        #expect(verified.status == 0 && verified.stdout.hasPrefix("OK\tsnapshot 2"), "\(verified.stdout)")

        let url = URL(fileURLWithPath: second).appendingPathComponent("statistics_registrations.csv")
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 5] ^= 0x02
        try bytes.write(to: url)
        let broken = try YizhaoProcess.run(["snapshot", "verify", second])
        #expect(broken.status == 1 && broken.stdout.hasPrefix("FAIL\tstatistics_registrations.csv\tsha256\t"), "\(broken.stdout)")

        let chain = try YizhaoProcess.run(["audit", "verify", "--db", db, "--snapshot", first])
        #expect(chain.status == 0 && chain.stdout.hasPrefix("intact\t3 entries"), "\(chain.stdout)")
        let listed = try YizhaoProcess.run(["audit", "list", "--db", db])
        #expect(listed.stdout.split(separator: "\n").count == 3 && listed.stdout.contains("\"action\":\"snapshot.export\""))
        #expect(try YizhaoProcess.run(["audit", "changes", "--db", db]).stdout.isEmpty, "a seed is an import, not a change")
        #expect(try YizhaoProcess.run(["audit", "list", "--limit", "0", "--db", db]).status == 2)

        let openData = directory.appendingPathComponent("open.csv").path
        let written = try YizhaoProcess.run(["open-data", "export", "--out", openData, "--db", db])
        #expect(written.status == 0 && written.stdout == "60 entities written to \(openData)\n")
        let text = try String(contentsOfFile: openData, encoding: .utf8)
        #expect(text.hasPrefix("name,code,type,legal_representative,established_on,registered_capital_yuan,domicile,authority,status,main_business,category\r\n"))
        #expect(text.components(separatedBy: "\r\n").count == 62)
    }
}
