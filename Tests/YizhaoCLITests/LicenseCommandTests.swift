import Foundation
import RegistryTestSupport
import Testing

/// `yizhao license show|verify`, run as the built binary, on a small seeded registry.
struct LicenseCommandTests {
    @Test func showThenVerifyOnlineAndOffline() throws {
        let directory = Scratch.directory.appendingPathComponent("yizhao-cli-license-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let db = directory.appendingPathComponent("registry.db").path
        #expect(try YizhaoProcess.run(["seed", "--entities", "50", "--db", db]).status == 0)
        let search = try YizhaoProcess.run(["search", "有限公司", "--limit", "1", "--json", "--db", db])
        let hit = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as! [String: Any]
        let code = hit["code"] as! String

        let shown = try YizhaoProcess.run(["license", "show", code, "--db", db])
        #expect(shown.status == 0, "\(shown.stderr)")
        let keyPath = db + ".key"
        let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600, "the key is created owner-only")
        let file = directory.appendingPathComponent("license.json").path
        try shown.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try YizhaoProcess.run(["license", "verify", file, "--db", db]).stdout == "valid\n")

        let document = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as! [String: Any]
        let key = document["publicKey"] as! String
        #expect(try YizhaoProcess.run(["license", "verify", file, "--public-key", key]).status == 0)
        let tampered = shown.stdout.replacingOccurrences(of: "\"signature\" : \"", with: "\"signature\" : \"A")
        try tampered.write(toFile: file, atomically: true, encoding: .utf8)
        let bad = try YizhaoProcess.run(["license", "verify", file, "--public-key", key])
        #expect(bad.status == 1 && bad.stdout.hasPrefix("invalid\nproblem\t"))

        // A deregistered entity's license is not in force: none is signed, and a copy taken before does not verify.
        let closedSearch = try YizhaoProcess.run(["search", "长沙", "--status", "deregistered", "--limit", "1", "--json", "--db", db])
        let closed = try JSONSerialization.jsonObject(with: Data(closedSearch.stdout.utf8)) as! [String: Any]
        let closedCode = closed["code"] as! String
        let refused = try YizhaoProcess.run(["license", "show", closedCode, "--db", db])
        #expect(refused.status == 1 && refused.stderr.contains("is 注销") && refused.stderr.contains("not in force"), "\(refused.stderr)")

        // A key file others can read is refused.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyPath)
        let exposed = try YizhaoProcess.run(["license", "show", code, "--db", db])
        #expect(exposed.status == 1 && exposed.stderr.contains("readable by others"))
    }
}
