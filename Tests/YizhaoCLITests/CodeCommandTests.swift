import Foundation
import RegistryTestSupport
import Testing

/// `yizhao code validate` and `yizhao code check-char`, run as the built binary.
struct CodeCommandTests {
    func temporaryFile(_ contents: String) throws -> String {
        let path = Scratch.directory.appendingPathComponent("codes-\(UUID().uuidString).txt").path
        try contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func validCodesFromArgumentsExitZero() throws {
        let result = try YizhaoProcess.run(["code", "validate", "91110000600037341L", "A1110000600037341K"])
        #expect(result.status == 0)
        #expect(result.stdout == "91110000600037341L\tvalid\nA1110000600037341K\tvalid\n")
    }

    @Test func anInvalidCodeExitsOneWithEveryReason() throws {
        let result = try YizhaoProcess.run(["code", "validate", "B199999960003734XN"])
        #expect(result.status == 1)
        let columns = result.stdout.dropLast().split(separator: "\t", omittingEmptySubsequences: false)
        #expect(columns.count == 3)
        #expect(columns[0] == "B199999960003734XN")
        #expect(columns[1] == "invalid")
        let reasons = columns[2].components(separatedBy: "; ")
        #expect(reasons.map { $0.prefix(while: { $0 != " " && $0 != ":" }) } == ["U-AUTHORITY", "U-REGION", "U-ORG-CHECK", "U-CHECK-CHAR"])
    }

    @Test func mixedInputOnStdinExitsOne() throws {
        let input = try temporaryFile("91110000600037341L\r\n\n  91110000600037341N  \n９１１１００００６０００３７３４１Ｌ\n12345")
        let result = try YizhaoProcess.run(["code", "validate"], stdinPath: input)
        #expect(result.status == 1)
        #expect(result.stdout == """
            91110000600037341L\tvalid
            91110000600037341N\tinvalid\tU-CHECK-CHAR at 18: expected L, found N
            ９１１１００００６０００３７３４１Ｌ\tvalid
            12345\tinvalid\tU-LENGTH: length 5, expected 18

            """)
    }

    @Test func allValidOnStdinExitsZero() throws {
        let input = try temporaryFile("91110000600037341L\n92141127MA0KD1Y64A\n")
        let result = try YizhaoProcess.run(["code", "validate"], stdinPath: input)
        #expect(result.status == 0)
        #expect(result.stdout.split(separator: "\n").count == 2)
    }

    @Test(arguments: [["code", "validate", "--bogus"], ["code", "check-char"], ["code", "check-char", "9111"],
                      ["code", "check-char", "9111000060003734I"], ["code", "nonsense"]])
    func usageErrorsExitTwo(_ arguments: [String]) throws {
        let result = try YizhaoProcess.run(arguments)
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
        #expect(result.stdout.isEmpty)
    }

    @Test func checkCharPrintsTheCharacter() throws {
        let result = try YizhaoProcess.run(["code", "check-char", "91110000600037341"])
        #expect(result.status == 0)
        #expect(result.stdout == "L\n")
        #expect(try YizhaoProcess.run(["code", "check-char", "９１３５０１００Ｍ０００１００Ｙ４"]).stdout == "3\n")
    }

    @Test func validationStreamsInConstantMemory() throws {
        // Ten times the input must not need noticeably more memory.
        func peak(lines: Int) throws -> (Int, Int32, Int) {
            try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/time"), "needs GNU time (Debian package `time`)")
            let line = "91110000600037341L\n91110000600037341N\n"
            let path = try temporaryFile(String(repeating: line, count: lines / 2))
            defer { try? FileManager.default.removeItem(atPath: path) }
            let result = try YizhaoProcess.run(["code", "validate"], stdinPath: path, measuringMemory: true)
            return (try #require(result.maxRSSKiB), result.status, result.stdout.utf8.count)
        }
        let (small, smallStatus, _) = try peak(lines: 20_000)
        let (large, largeStatus, largeOutput) = try peak(lines: 200_000)
        #expect(smallStatus == 1 && largeStatus == 1)
        #expect(largeOutput > 200_000 * 20)
        #expect(large - small < 2 * 1024, "peak RSS grew from \(small) KiB to \(large) KiB")
    }
}
