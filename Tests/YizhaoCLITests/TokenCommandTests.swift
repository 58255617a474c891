import Foundation
import RegistryTestSupport
import Testing

/// `yizhao token create|list|revoke`, run as the built binary.
struct TokenCommandTests {
    static let db = Scratch.directory.appendingPathComponent("yizhao-cli-tokens-\(UUID().uuidString).db").path

    @Test func createListRevoke() throws {
        let created = try YizhaoProcess.run(["token", "create", "--role", "reviewer.tax", "--name", "税务审核 李娜", "--db", Self.db])
        #expect(created.status == 0, "\(created.stderr)")
        let secret = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("yz_") && secret.count == 67)
        let listed = try YizhaoProcess.run(["token", "list", "--db", Self.db])
        #expect(listed.stdout.hasPrefix("1\treviewer.tax\t税务审核 李娜\t") && listed.stdout.hasSuffix("\tactive\t-\n"))
        #expect(!listed.stdout.contains(secret), "the secret is never shown again")
        #expect(try YizhaoProcess.run(["token", "revoke", "1", "--db", Self.db]).status == 0)
        #expect(try YizhaoProcess.run(["token", "list", "--db", Self.db]).stdout.contains("\trevoked 20"))
        let unknown = try YizhaoProcess.run(["token", "revoke", "42", "--db", Self.db])
        #expect(unknown.status == 1 && unknown.stderr.contains("no access token with id 42"))
        let usage = try YizhaoProcess.run(["token", "create", "--role", "boss", "--db", Self.db])
        #expect(usage.status == 2 && usage.stderr.contains("--role must be one of"))
    }
}
