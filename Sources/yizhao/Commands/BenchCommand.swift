import ArgumentParser
import Foundation
import RegistryCore

/// `yizhao bench …`: in-process benchmarks (build with `-c release`; see docs/PERFORMANCE.md).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run the in-process benchmarks of docs/PERFORMANCE.md.",
        subcommands: [BenchCodes.self, GenerateCodes.self, BenchSeed.self, BenchSearch.self, BenchNames.self, BenchRegistrations.self, BenchSnapshot.self, BenchPostgres.self]
    )
}

/// `yizhao bench codes`: credit-code validation throughput on one core.
struct BenchCodes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "codes",
        abstract: "Measure code validation throughput on one core (fast path and full report path)."
    )

    @Option(help: "Distinct codes in the working set (90% valid, 10% with one character changed).")
    var count = 100_000

    @Option(help: "Passes over the working set per measurement.")
    var rounds = 50

    @Option(help: "Repetitions; the median is reported.")
    var repetitions = 5

    func run() throws {
        let codes = SampleCodes.mixed(count: count, seed: 42)
        let validator = CreditCodeValidator.standard
        var flat: [UInt8] = []
        var offsets: [Range<Int>] = []
        for code in codes {
            offsets.append(flat.count..<(flat.count + code.utf8.count))
            flat += code.utf8
            flat.append(0x0A)
        }
        let fast = median(repetitions) {
            var valid = 0
            flat.withUnsafeBufferPointer { all in
                for _ in 0..<rounds {
                    for range in offsets {
                        if validator.isValid(utf8: UnsafeBufferPointer(rebasing: all[range])) == true { valid += 1 }
                    }
                }
            }
            return valid
        }
        let fullRounds = max(1, rounds / 10)
        let full = median(repetitions) {
            var valid = 0
            for _ in 0..<fullRounds {
                for code in codes where validator.validate(code).isValid { valid += 1 }
            }
            return valid
        }
        let fastRate = Double(count * rounds) / fast
        let fullRate = Double(count * fullRounds) / full
        print("codes.validate.fast\t\(Int(fastRate)) codes/s\t(isValid over UTF-8 bytes, \(count) codes x \(rounds) rounds, median of \(repetitions))")
        print("codes.validate.report\t\(Int(fullRate)) codes/s\t(validate(String) with every finding, \(count) codes x \(fullRounds) rounds)")
        print("ratio.fast/report\t\(String(format: "%.1f", fastRate / fullRate))")
    }

    /// Median wall time in seconds of `repetitions` runs of `work` (its result is kept alive).
    private func median(_ repetitions: Int, _ work: () -> Int) -> Double {
        var times: [Double] = []
        var sink = 0
        for _ in 0..<max(1, repetitions) {
            let clock = ContinuousClock()
            let elapsed = clock.measure { sink &+= work() }
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        if sink == -1 { print(sink) }
        return times.sorted()[times.count / 2]
    }
}

/// `yizhao bench generate-codes`: a file of sample codes for the CLI benchmark.
struct GenerateCodes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-codes",
        abstract: "Print sample codes, one per line (90% valid, 10% with one character changed)."
    )

    @Option(help: "How many codes to print.")
    var count = 1_000_000

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    func run() throws {
        let output = FileOutput.standardOutput
        for code in SampleCodes.mixed(count: count, seed: seed) {
            output.write(code)
            output.write(byte: 0x0A)
        }
        output.flush()
    }
}
