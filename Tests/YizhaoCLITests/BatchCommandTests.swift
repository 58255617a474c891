import Foundation
import RegistryTestSupport
import Testing

/// `yizhao batch abnormal-listing|decision`, run as the built binary.
struct BatchCommandTests {
    /// Today in China (UTC+8), as the registry's clock reads it.
    static var today: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3_600)
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    @Test func oneDocumentIsAppliedToEveryNamedEntityAndBadInputWritesNothing() throws {
        let db = Scratch.directory.appendingPathComponent("yizhao-cli-batch-\(UUID().uuidString).db").path
        #expect(try YizhaoProcess.run(["seed", "--entities", "300", "--db", db]).status == 0)
        let found = try YizhaoProcess.run(["search", "有限公司", "--limit", "2", "--json", "--db", db])
        let codes = try found.stdout.split(separator: "\n").map { line in
            try #require((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["code"] as? String)
        }
        try #require(codes.count == 2)
        let file = db + ".codes"
        try "# 2025 年度报告未报\n\(codes[0])\n\n\(codes[1])\n".write(toFile: file, atomically: true, encoding: .utf8)
        let listing = ["batch", "abnormal-listing", "--reason", "annual-report-missing", "--document", "长市监异〔2026〕100号",
                       "--listed-on", Self.today, "--db", db]

        let malformed = try YizhaoProcess.run(listing + ["--codes-file", file, "91430104MA4L00000X"])
        #expect(malformed.status == 2 && malformed.stderr.contains("nothing was written") && malformed.stderr.contains("argument: “91430104MA4L00000X”"))
        let listed = try YizhaoProcess.run(listing + ["--codes-file", file])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.split(separator: "\n").map { $0.split(separator: "\t").prefix(2).joined(separator: " ") }
                == ["\(codes[0]) recorded", "\(codes[1]) recorded"])
        let again = try YizhaoProcess.run(listing + ["--codes-file", file])
        #expect(again.status == 1 && again.stdout.contains("\trefused\t") && again.stderr.contains("nothing was recorded"))

        let decision = ["batch", "decision", "--action", "license-revocation", "--document", "长市监处罚〔2026〕7号", "--reason", "连续两年未公示年度报告",
                        "--db", db]
        let future = try YizhaoProcess.run(decision + ["--decided-on", "2999-01-01", codes[0]])
        #expect(future.status == 2 && future.stderr.contains("/decidedOn"))
        let revoked = try YizhaoProcess.run(decision + ["--decided-on", Self.today, codes[0]])
        #expect(revoked.status == 0 && revoked.stdout.contains("存续 → 吊销"), "\(revoked.stderr)")
        let shown = try YizhaoProcess.run(["search", codes[0], "--json", "--db", db])
        #expect(shown.stdout.contains(#""statusCode":"revoked""#))
    }
}
