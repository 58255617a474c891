import Foundation
import RegistryTestSupport
import Testing

/// `yizhao name check`, run as the built binary: SPEC §7's output and exit codes.
struct NameCommandTests {
    static let db = Scratch.directory.appendingPathComponent("yizhao-cli-names-\(UUID().uuidString).db").path

    @Test func exitCodesFollowTheVerdict() throws {
        #expect(try YizhaoProcess.run(["migrate", "--db", Self.db]).status == 0)
        let available = try YizhaoProcess.run(["name", "check", "长沙紫霞蔚蓝软件开发有限公司", "--type", "llc", "--industry", "6513",
                                               "--authority", "430104", "--db", Self.db])
        #expect(available.status == 0, "\(available.stderr)")
        #expect(available.stdout.hasPrefix("verdict\tavailable\nparse\tregion=长沙\t"))

        let rejected = try YizhaoProcess.run(["name", "check", "長沙最佳3D贸易有限公司", "--type", "llc", "--industry", "5191",
                                              "--authority", "430104", "--json", "--db", Self.db])
        #expect(rejected.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(rejected.stdout.utf8)) as! [String: Any]
        #expect(object["verdict"] as? String == "rejected")
        let findings = object["findings"] as! [[String: Any]]
        #expect(Set(findings.compactMap { $0["rule"] as? String }) == ["N-SCRIPT", "N-MISLEADING"])
        #expect(findings.allSatisfy { $0["severity"] is String && $0["message"] is String })
        #expect(object["conflicts"] is [Any])
        let parse = object["parse"] as! [String: Any]
        #expect(parse["region"] as? String == "长沙" && parse["form"] as? String == "有限公司")

        let usage = try YizhaoProcess.run(["name", "check", "长沙红光贸易有限公司", "--type", "ltd", "--industry", "5191",
                                           "--authority", "430104", "--db", Self.db])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--type"))
        #expect(try YizhaoProcess.run(["name", "check", "长沙红光贸易有限公司", "--db", Self.db]).status == 2)
    }
}
