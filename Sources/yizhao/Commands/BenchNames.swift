import ArgumentParser
import Foundation
import RegistryCore
import RegistryService
import RegistrySQLite
import RegistryStore

/// `yizhao bench names`: pre-check latency next to a brute-force scan of the same industry, and
/// reservation throughput with concurrent clients.
struct BenchNames: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "names",
        abstract: "Measure name pre-check latency (p50/p99) against a same-industry scan, and reservations/s with concurrent clients.",
        discussion: "Reservations are written into the database: run it on a copy."
    )

    @Option(help: "Pre-checks to time.")
    var checks = 2_000

    @Option(help: "Reservations to make (0: skip).")
    var reservations = 2_000

    @Option(help: "Concurrent reserving clients.")
    var clients = 8

    @Option(help: "Random seed for the sample.")
    var seed: UInt64 = 42

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let registry = try await store.openSQLite(command: "bench names")
        let support = SQLiteBenchmarkSupport(store: registry)
        let today = RegistryClock.today()
        let desk = NameDesk(store: registry, today: { today })
        print("registry\t\(try await registry.entityCount()) entities\t\(store.path)")
        let samples = try support.sampleNames(count: checks, seed: seed)
        let requests = samples.map { NameCheckRequest(name: $0.name, type: $0.type, industry: $0.industry, authority: $0.authority) }
        for request in requests.prefix(200) { _ = try await desk.check(request) }  // warm the page cache
        var ours: [Double] = [], scan: [Double] = [], candidates = 0, blocked = 0
        let clock = ContinuousClock()
        for request in requests {
            let started = clock.now
            let result = try await desk.check(request)
            ours.append(BenchSearch.milliseconds(clock.now - started))
            if result.verdict == .blocked || result.verdict == .rejected { blocked += 1 }
        }
        // Baseline, in its own pass (its scans would evict the pages the indexed checks use): the same
        // rules over every same-industry entity of the authority.
        for request in requests {
            let scanStarted = clock.now
            let (parsed, _) = desk.rules.check(request)
            let all = try support.sameIndustryScan(authority: request.authority, industry: request.industry)
            _ = desk.conflicts.conflicts(of: parsed, request, with: all, on: today)
            scan.append(BenchSearch.milliseconds(clock.now - scanStarted))
            candidates += all.count
        }
        // Where the time goes: the pure rules, the store's candidate lookups, the conflict rules.
        var parts: [[Double]] = [[], [], []], found = 0
        for request in requests {
            var started = clock.now
            let (parsed, _) = desk.rules.check(request)
            parts[0].append(BenchSearch.milliseconds(clock.now - started))
            started = clock.now
            let candidates = try await registry.nameCandidates(NameCandidateQuery(parsed: parsed, industry: request.industry, authority: request.authority, today: today,
                                                                                  policy: desk.rules.policy))
            parts[1].append(BenchSearch.milliseconds(clock.now - started))
            found += candidates.count
            started = clock.now
            _ = desk.conflicts.conflicts(of: parsed, request, with: candidates, on: today)
            parts[2].append(BenchSearch.milliseconds(clock.now - started))
        }
        print("stage\tp50 ms\tp99 ms")
        for (label, times) in zip(["rules", "candidates", "conflicts"], parts) {
            let (a, b) = BenchSearch.percentiles(times)
            print(String(format: "%@\t%.3f\t%.3f", label, a, b))
        }
        print(String(format: "mean candidates\t%.1f", Double(found) / Double(requests.count)))
        let (p50, p99) = BenchSearch.percentiles(ours), (s50, s99) = BenchSearch.percentiles(scan)
        print("pre-check\tp50 ms\tp99 ms\tscan p50 ms\tscan p99 ms\tp99 ratio\tmean scanned\tblocked or rejected")
        print(String(format: "\t%.3f\t%.3f\t%.3f\t%.3f\t%.2f\t%.0f\t%d/%d", p50, p99, s50, s99, p99 / max(s99, 0.000_001),
                     Double(candidates) / Double(requests.count), blocked, requests.count))
        guard reservations > 0 else { return }
        try await reserve(desk, today: today)
    }

    /// `reservations` fresh names reserved by `clients` concurrent tasks; reports reservations/s.
    func reserve(_ desk: NameDesk<SQLiteRegistryStore>, today: CalendarDate) async throws {
        let alphabet = Array("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥")
        let run = UInt64(Date().timeIntervalSince1970)
        let started = ContinuousClock.now
        let won = try await withThrowingTaskGroup(of: Int.self) { group in
            for client in 0..<clients {
                group.addTask {
                    var random = SplitMix64(seed: run &* 31 &+ UInt64(client))
                    var won = 0
                    for _ in stride(from: client, to: reservations, by: clients) {
                        let zihao = String((0..<4).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
                        let request = try NameDesk<SQLiteRegistryStore>.request(name: "长沙\(zihao)软件开发有限公司", type: "llc",
                                                                                industry: "6513", authority: "430104")
                        do {
                            _ = try await desk.reserve(request, applicant: "bench", needsPreapproval: false)
                            won += 1
                        } catch NameDeskError.notReservable {
                            continue  // a random name that collided with an earlier one: blocked, as it should be
                        }
                    }
                    return won
                }
            }
            return try await group.reduce(0, +)
        }
        let seconds = BenchSearch.milliseconds(ContinuousClock.now - started) / 1_000
        print("reservations\tclients\tattempts\treserved\tseconds\tattempts/s")
        print(String(format: "\t%d\t%d\t%d\t%.2f\t%.0f", clients, reservations, won, seconds, Double(reservations) / seconds))
    }
}
