import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import RegistryCore
import RegistryService
import RegistrySQLite
import RegistryStore

/// `yizhao bench registrations`: completed registrations per second with concurrent reviewers, with group
/// commit and with one transaction per registration, in the same run and on copies of the same registry.
struct BenchRegistrations: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registrations",
        abstract: "Measure durable completed registrations/s with concurrent clients: group commit vs one transaction each.",
        discussion: """
            Each run copies --db (or starts from an empty registry without it), accepts --applications applications and \
            approves their market and tax parts (not timed), then --clients concurrent reviewers give the statistics \
            approvals that complete them: each completion re-checks the name, allocates the code and writes the entity, \
            license, tax and statistics registrations, name history, search index, audit and change-feed entries in one \
            atomic, durable (synchronous=FULL) step.
            """
    )

    @Option(help: "Registrations to complete per mode.")
    var applications = 2_000

    @Option(help: "Concurrent reviewing clients.")
    var clients = 8

    @Option(name: .customLong("db"), help: "A registry to copy as the starting point (left unchanged); empty when absent.")
    var source: String?

    @Option(help: "Which writers to measure: both, group or single (one transaction each).")
    var mode = "both"

    @Option(help: "Rounds, the modes alternating within each; with more than one, the medians are printed last.")
    var runs = 1

    @Option(help: ArgumentHelp("Milliseconds between the search index's batches, as `serve --search-index-interval`; 0 indexes in each registration's transaction.",
                               discussion: "The timed phase ends when the index has taken in every registration."))
    var searchIndexInterval = ServeCommand.defaultSearchIndexInterval

    func validate() throws {
        guard applications > 0, clients > 0 else { throw ValidationError("--applications and --clients must be positive.") }
        guard ["both", "group", "single"].contains(mode) else { throw ValidationError("--mode is both, group or single.") }
        guard runs > 0 else { throw ValidationError("--runs must be positive.") }
        guard searchIndexInterval >= 0 else { throw ValidationError("--search-index-interval must be 0 or more.") }
    }

    func run() async throws {
        print("mode\tclients\tcompleted\tseconds\tregistrations/s\tp50 ms\tp99 ms\tCPU s\tjobs/group\twriter busy %")
        let modes = [false, true].filter { mode == "both" || (mode == "group") == $0 }
        var rates: [Bool: [Double]] = [:]
        for _ in 0..<runs {
            for grouped in modes { rates[grouped, default: []].append(try await measure(groupCommit: grouped)) }
        }
        // The machine is shared: rounds that alternate the modes, then their medians, compare better than one run.
        let medians = modes.map { grouped in Self.median(rates[grouped] ?? []) }
        if runs > 1 {
            for (grouped, median) in zip(modes, medians) {
                print(String(format: "median\t%@\t%.0f registrations/s over %d runs", grouped ? "group commit" : "one transaction each", median, runs))
            }
        }
        if medians.count == 2 { print(String(format: "ratio\tgroup commit / one transaction each\t%.2f", medians[1] / max(medians[0], 0.001))) }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    func measure(groupCommit: Bool) async throws -> Double {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yizhao-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("registry.db").path
        if let source { try SQLiteRegistryStore.copyRegistry(from: source, to: path) }  // consistent even with an un-checkpointed WAL
        let store = try SQLiteRegistryStore(path: path, groupCommit: groupCommit,
                                            searchIndexing: searchIndexInterval > 0 ? .batched : .withEachWrite)
        try await store.migrate()
        let support = SQLiteBenchmarkSupport(store: store)
        let interval = Duration.milliseconds(searchIndexInterval)
        let indexer = searchIndexInterval > 0 ? Task { await store.indexSearchContinually(interval: interval) } : nil
        defer { indexer?.cancel() }
        return try await Self.measure(store, label: groupCommit ? "group commit" : "one transaction each", applications: applications,
                                      clients: clients, run: UInt64(Date().timeIntervalSince1970) &* 7_919 &+ (groupCommit ? 1 : 0),
                                      settle: { try await store.indexAllQueuedSearchEntries() },
                                      writer: { support.writerStatistics })
    }

    /// Accepts `applications` applications with two approvals each (not timed), then completes them with `clients`
    /// concurrent reviewers giving the last approval, and runs `settle` (the timed phase ends when the search index
    /// has every registration); prints one line and returns completed registrations/s.
    /// `writer` reads the group-commit writer's totals (nil without one): the line then adds the jobs per
    /// transaction and the share of the timed phase the writer spent in transactions.
    static func measure<Store: RegistryStore>(_ store: Store, label: String, applications: Int, clients: Int, run: UInt64,
                                              settle: () async throws -> Void = {},
                                              writer: () -> (groups: Int, jobs: Int, busySeconds: Double)? = { nil }) async throws -> Double {
        let now = RegistryClock.now()
        let registrar = Registrar(store: store, now: { now })
        let actor = Actor(label: "bench", role: "clerk", requestID: nil)
        // Setup (not timed): accepted applications with two approvals each, distinct 字号 per run.
        let numbers: [String] = try await forEachClient(count: applications, clients: clients) { index -> String? in
            var random = SplitMix64(seed: run &+ UInt64(index))
            let alphabet = Array("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥")
            let zihao = String((0..<4).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            do {
                guard case .fresh(let application) = try await registrar.accept(ApplicationFormInput.example(name: "长沙\(zihao)网络科技有限公司"), actor: actor,
                                                                                   idempotency: nil) else { return nil }
                for (department, role) in [(Department.market, Role.reviewerMarket), (.tax, .reviewerTax)] {
                    _ = try await registrar.review(number: application.number, department: department, decision: .approve, reasons: [],
                                                   version: nil, role: role, actor: actor, idempotency: nil)
                }
                return application.number
            } catch RegistrarError.nameNotAccepted {
                return nil  // a random 字号 that repeats an earlier one
            }
        }
        let clock = ContinuousClock()
        let writerBefore = writer()
        let cpuBefore = Self.cpuSeconds()
        let started = clock.now
        let latencies: [Double] = try await forEachClient(count: numbers.count, clients: clients) { index -> Double? in
            let begun = clock.now
            _ = try await registrar.review(number: numbers[index], department: .statistics, decision: .approve, reasons: [], version: nil,
                                           role: .reviewerStatistics, actor: actor, idempotency: nil)
            return BenchSearch.milliseconds(clock.now - begun)
        }
        try await settle()
        let seconds = BenchSearch.milliseconds(clock.now - started) / 1_000
        let cpu = Self.cpuSeconds() - cpuBefore
        var writerColumns = "-\t-"
        if let before = writerBefore, let after = writer(), after.groups > before.groups {
            writerColumns = String(format: "%.1f\t%.0f", Double(after.jobs - before.jobs) / Double(after.groups - before.groups),
                                   100 * (after.busySeconds - before.busySeconds) / seconds)
        }
        // Two concurrent acceptances of the same random name both pass the pre-check; the completion re-check
        // then returns the later one, as it should. Those count as reviews, not registrations.
        let completed = try await store.applications(state: .completed, after: nil, limit: numbers.count + 1)
        let returned = try await store.applications(state: .returned, after: nil, limit: numbers.count + 1)
        guard completed.count + returned.count == numbers.count, Set(completed.compactMap(\.code)).count == completed.count else {
            throw CommandFailure(message: "\(completed.count) completed and \(returned.count) returned of \(numbers.count), or codes repeat")
        }
        let (p50, p99) = BenchSearch.percentiles(latencies)
        let rate = Double(completed.count) / seconds
        print(String(format: "%@\t%d\t%d\t%.2f\t%.0f\t%.2f\t%.2f\t%.2f\t%@", label, clients,
                     completed.count, seconds, rate, p50, p99, cpu, writerColumns))
        return rate
    }

    /// User + system CPU seconds of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// Runs `work(0..<count)` on `clients` concurrent tasks (index i on task i % clients); the non-nil results.
    static func forEachClient<T: Sendable>(count: Int, clients: Int, _ work: @escaping @Sendable (Int) async throws -> T?) async throws -> [T] {
        try await withThrowingTaskGroup(of: [(Int, T)].self) { group in
            for client in 0..<clients {
                group.addTask {
                    var results: [(Int, T)] = []
                    for index in stride(from: client, to: count, by: clients) {
                        if let result = try await work(index) { results.append((index, result)) }
                    }
                    return results
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }
}
