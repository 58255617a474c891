import ArgumentParser
import Foundation
import RegistryCore
import RegistryService
import RegistryStore

/// `yizhao batch abnormal-listing|decision`: one decision document applied to many entities at once, as the registration
/// authority does each year (批量列入经营异常名录 for missing annual reports, 批量吊销). Every code is read and checked
/// first: a malformed one stops the batch before anything is written. Then each entity is recorded in a transaction of
/// its own, audited as `cli`; an entity whose state refuses it (already listed, already 吊销…) is reported and the others
/// go on. Exit 0 when every entity was recorded, 1 when some were refused, 2 for bad input.
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Apply one listing or decision document to many entities.",
        subcommands: [AbnormalListing.self, Decision.self]
    )

    /// What both subcommands take: the document, the entities, the registry.
    struct Targets: ParsableArguments {
        @Option(help: "The document's number (决定书文号).")
        var document: String

        @Option(help: "A file of codes, one per line (blank lines and # comments skipped).")
        var codesFile: String?

        @Argument(help: "Codes.")
        var codes: [String] = []

        @OptionGroup var store: StoreOptions

        /// Checks every code, then records `action` for each with a registrar on the registry.
        func run(_ action: some BatchAction) async throws {
            let codes = try BatchCommand.codes(codes, file: codesFile)
            try await store.withRegistry { try await run(action, codes, on: $0) }
        }

        func run<Store: RegistryStore>(_ action: some BatchAction, _ codes: [CreditCode], on registry: Store) async throws {
            let registrar = Registrar(store: registry, now: { RegistryClock.now() })
            try await BatchCommand.run(codes) { code throws(RegistrarError) in try await action.record(code, document: document, with: registrar) }
        }
    }

    /// The codes named on the command line and in `file` (one per line; blank lines and `#` comments skipped), each
    /// validated: every malformed one is reported, with its line, before anything is written.
    static func codes(_ arguments: [String], file: String?) throws -> [CreditCode] {
        var lines = arguments.map { (source: "argument", text: $0) }
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CommandFailure(message: "cannot read the codes file \(file)", exitCode: 2)
            }
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty && !trimmed.hasPrefix("#") { lines.append(("\(file):\(number + 1)", trimmed)) }
            }
        }
        var codes: [CreditCode] = []
        var problems: [String] = []
        for line in lines {
            do { codes.append(try CreditCode(validating: line.text)) } catch { problems.append("\(line.source): “\(line.text.prefix(40))” \(error)") }
        }
        guard problems.isEmpty else { throw CommandFailure(message: "nothing was written:\n" + problems.joined(separator: "\n"), exitCode: 2) }
        guard !codes.isEmpty else { throw CommandFailure(message: "no codes: name them as arguments or in --codes-file", exitCode: 2) }
        guard Set(codes).count == codes.count else { throw CommandFailure(message: "nothing was written: a code is named twice", exitCode: 2) }
        return codes
    }

    /// Records each code with `record`, printing `CODE<TAB>recorded|refused<TAB>detail`; fails with exit 1 when any was refused.
    static func run(_ codes: [CreditCode], _ record: (CreditCode) async throws(RegistrarError) -> String) async throws {
        var refused = 0
        for code in codes {
            do {
                print("\(code)\trecorded\t\(try await record(code))")
            } catch .invalidForm(let errors) {
                throw CommandFailure(message: "nothing was written: " + errors.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; "), exitCode: 2)
            } catch .store(let error) {
                refused += 1
                print("\(code)\trefused\t\(error)")
            } catch {
                throw CommandFailure(message: "\(code): \(error)")
            }
        }
        if refused == codes.count { throw CommandFailure(message: "every entity (\(refused)) was refused; nothing was recorded") }
        if refused > 0 { throw CommandFailure(message: "\(refused) of \(codes.count) entities were refused; the others were recorded") }
    }

    struct AbnormalListing: AsyncParsableCommand, BatchAction {
        static let configuration = CommandConfiguration(
            commandName: "abnormal-listing",
            abstract: "Put entities on the 经营异常名录 under one listing decision.")

        @Option(help: "annual-report-missing, unreachable-at-domicile or name-not-corrected.")
        var reason: String

        @Option(help: "The day the listing takes effect, YYYY-MM-DD (not after today).")
        var listedOn: String

        @OptionGroup var targets: Targets

        func run() async throws { try await targets.run(self) }

        func record<Store: RegistryStore>(_ code: CreditCode, document: String, with registrar: Registrar<Store>) async throws(RegistrarError) -> String {
            let result = try await registrar.listAbnormal(code: code, reason: reason, documentNumber: document, listedOn: listedOn,
                                                          actor: TokenCommand.actor, idempotency: nil)
            guard case .fresh(let listing) = result else { return "replayed" }  // no key is given: never a replay
            return "listing \(listing.id)"
        }
    }

    struct Decision: AsyncParsableCommand, BatchAction {
        static let configuration = CommandConfiguration(
            abstract: "Record one registration decision (吊销营业执照, 撤销登记 or a reversal) on entities.")

        @Option(help: "license-revocation, registration-revocation or revocation-reversal.")
        var action: String

        @Option(help: "The day of the decision, YYYY-MM-DD (not after today).")
        var decidedOn: String

        @Option(help: "The grounds.")
        var reason: String

        @OptionGroup var targets: Targets

        func run() async throws { try await targets.run(self) }

        func record<Store: RegistryStore>(_ code: CreditCode, document: String, with registrar: Registrar<Store>) async throws(RegistrarError) -> String {
            let result = try await registrar.recordDecision(code: code, action: action, documentNumber: document, decidedOn: decidedOn,
                                                            reason: reason, actor: TokenCommand.actor, idempotency: nil)
            guard case .fresh(let record) = result else { return "replayed" }  // no key is given: never a replay
            return "\(record.statusBefore.display) → \(record.statusAfter.display)"
        }
    }
}

/// One subcommand's record of one entity.
protocol BatchAction: Sendable {
    func record<Store: RegistryStore>(_ code: CreditCode, document: String, with registrar: Registrar<Store>) async throws(RegistrarError) -> String
}
