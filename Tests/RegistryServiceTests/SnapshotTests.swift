import Foundation
import RegistryCore
import RegistryService
import RegistryStore
import RegistryTestSupport
import Testing

/// Snapshots (SPEC §5), on every backend: consistent while registrations go on, equal to the registry at their
/// sequence number (a snapshot plus the change feed reproduces the next one), verified offline, and every tampering
/// named.
struct SnapshotTests {
    static let signer = try! LicenseSigner(rawPrivateKey: LicenseSigner.generateRawPrivateKey())
    static let auditor = Actor(label: "审计 王敏", role: "auditor", requestID: nil)

    static func directory(_ label: String) -> URL {
        Scratch.directory.appendingPathComponent("yizhao-snapshot-\(label)-\(UUID().uuidString)")
    }

    /// Runs `body` with a small seeded registry of `backend`.
    static func withSeededStore(_ backend: TestBackend, _ body: (any RegistryStore) async throws -> Void) async throws {
        try await backend.withStore { store in
            try await seed(store)
            try await body(store)
        }
    }

    static func seed<Store: RegistryStore>(_ store: Store) async throws {
        try await RegistrySeeder(store: store).seed(count: 400, seed: 11, today: TestBackend.today)
    }

    /// Registers `count` entities through the full flow (accept, three approvals), 4 at a time.
    static func register<Store: RegistryStore>(_ count: Int, in store: Store, tag: String) async throws {
        let registrar = Registrar(store: store, now: { ContractFixtures.instant })
        let actor = Actor(label: "窗口", role: "clerk", requestID: nil)
        let alphabet = Array("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳未申酉戌亥")  // no two read alike
        try await withThrowingTaskGroup(of: Void.self) { group in
            for client in 0..<4 {
                group.addTask {
                    for index in stride(from: client, to: count, by: 4) {
                        let zihao = tag + String(alphabet[index / alphabet.count % alphabet.count]) + String(alphabet[index % alphabet.count])
                        let accepted: Replayable<RegistryCore.Application>
                        do {
                            accepted = try await registrar.accept(ApplicationFormInput.example(name: "长沙\(zihao)网络科技有限公司"), actor: actor,
                                                                  idempotency: nil)
                        } catch let error as RegistrarError {
                            Issue.record("\(zihao): \(error)")
                            continue
                        }
                        guard case .fresh(let application) = accepted else { continue }
                        for (department, role) in [(Department.market, Role.reviewerMarket), (.tax, .reviewerTax), (.statistics, .reviewerStatistics)] {
                            _ = try await registrar.review(number: application.number, department: department, decision: .approve, reasons: [],
                                                           version: nil, role: role, actor: actor, idempotency: nil)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Records a decision, a listing and its removal, another listing, a notice and an objection to it on four entities
    /// registered through the flow, then renames the one still listed; those four codes, in that order.
    static func changeRegisters<Store: RegistryStore>(in store: Store) async throws -> [CreditCode] {
        let registered = try await store.changes(after: 0, limit: 1_000).filter { $0.change == "registered" }.map(\.code)
        try #require(registered.count >= 4)
        let codes = Array(registered.suffix(4))
        let (actor, instant, day) = (ContractFixtures.actor, ContractFixtures.instant, ContractFixtures.day)
        _ = try await store.recordDecision(RegistrationDecision(action: .licenseRevocation, code: codes[0], documentNumber: "长市监处罚〔2024〕21号",
                                                                decidedOn: day, reason: "未公示年度报告"), actor: actor, at: instant, idempotency: nil)
        let listing = try await store.listAbnormal(.init(code: codes[1], reason: .unreachableAtDomicile, documentNumber: "长市监异〔2024〕22号",
                                                         listedOn: day), actor: actor, at: instant, idempotency: nil).freshValue
        _ = try await store.removeAbnormalListing(code: codes[1], id: listing.id,
                                                  .init(documentNumber: "长市监移〔2024〕23号", removedOn: day, reason: "已能通过住所联系", recordedBy: actor.label),
                                                  actor: actor, at: instant, idempotency: nil)
        _ = try await store.listAbnormal(.init(code: codes[2], reason: .annualReportMissing, documentNumber: "长市监异〔2024〕24号", listedOn: day),
                                         actor: actor, at: instant, idempotency: nil)
        let notice = try await store.fileDeregistrationNotice(code: codes[3], actor: actor, at: instant, idempotency: nil).freshValue
        _ = try await store.objectToDeregistrationNotice(code: codes[3], id: notice.id,
                                                         .init(party: "国家税务总局长沙市税务局", reason: "尚有未结清的税款", objectedOn: day, recordedBy: actor.label),
                                                         actor: actor, at: instant, idempotency: nil)
        _ = try await store.rename(codes[2], to: "长沙乙改名网络科技有限公司", parts: NameParts(region: "长沙", zihao: "乙改名", industry: "网络科技", form: "有限公司"),
                                   on: day)
        return codes
    }

    static func export<Store: RegistryStore>(_ store: Store, to directory: URL, personal: Bool = false) async throws -> SnapshotManifest {
        try await SnapshotExporter(store: store, signer: signer, now: { ContractFixtures.instant })
            .export(to: directory, includePersonalIDs: personal, actor: auditor).freshValue.manifest
    }

    /// NDJSON lines of a file grouped by code (file order kept within a code).
    static func linesByCode(_ url: URL) throws -> [String: [String]] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var grouped: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let code = String(line.dropFirst("{\"code\":\"".count).prefix(18))
            grouped[code, default: []].append(String(line))
        }
        return grouped
    }

    @Test(arguments: TestBackend.available)
    func aSnapshotDuringRegistrationsIsTheRegistryAtItsSequenceAndTheFeedReproducesTheNext(_ backend: TestBackend) async throws {
        try await Self.withSeededStore(backend) { store in try await Self.aSnapshotDuringRegistrationsIsTheRegistryAtItsSequenceAndTheFeedReproducesTheNextBody(store) }
    }

    static func aSnapshotDuringRegistrationsIsTheRegistryAtItsSequenceAndTheFeedReproducesTheNextBody<Store: RegistryStore>(_ store: Store) async throws {
        let seedCodes = Set(try Self.linesByCode(try await {
            let first = Self.directory("seed")
            _ = try await Self.export(store, to: first)
            return first.appendingPathComponent("entities.ndjson")
        }()).keys)
        // Snapshot 2 is taken while 4 clients register 48 entities.
        let during = Self.directory("during")
        async let load: Void = Self.register(48, in: store, tag: "甲")
        try await Task.sleep(for: .milliseconds(30))
        let middle = try await Self.export(store, to: during)
        try await load
        // A rename and a deregistration after it, then snapshot 3.
        let renamed = try #require(seedCodes.sorted().first.flatMap { try? CreditCode(validating: $0) })
        _ = try await store.rename(renamed, to: "长沙新名网络科技有限公司", parts: NameParts(region: "长沙", zihao: "新名", industry: "网络科技", form: "有限公司"),
                                   on: TestBackend.today)
        try await Self.register(8, in: store, tag: "乙")
        let recordCodes = try await Self.changeRegisters(in: store)
        let after = Self.directory("after")
        let last = try await Self.export(store, to: after)

        for (directory, manifest) in [(during, middle), (after, last)] {
            let verification = SnapshotVerifier.verify(directory)
            #expect(verification.isValid, "\(verification.problems)")
            for file in manifest.files {
                let lines = try Data(contentsOf: directory.appendingPathComponent(file.name)).filter { $0 == 10 }.count
                #expect(file.rows == lines - (file.format == .csv ? 1 : 0), "\(file.name): the manifest's count is the file's rows")
            }
        }
        #expect(middle.snapshot == 2 && last.snapshot == 3 && last.previousManifestSHA256 != nil)
        #expect(SnapshotVerifier.verify(after, previous: during).isValid)

        // Snapshot 2 holds exactly the seed and the registrations committed up to its sequence number.
        let changes = try await store.changes(after: 0, limit: 1_000)
        let registeredBy = changes.filter { $0.change == "registered" && $0.sequence <= middle.sequence }.map(\.code.rawValue)
        let middleCodes = Set(try Self.linesByCode(during.appendingPathComponent("entities.ndjson")).keys)
        #expect(middleCodes == seedCodes.union(registeredBy))

        // Register changes are in the feed under their own kinds, each entry with the records before and after; the
        // rename of a listed entity carries its listing; an entity without records has the dossier's own JSON.
        let recordChanges = changes.filter { recordCodes.contains($0.code) && $0.change != "registered" }.map(\.change)
        #expect(recordChanges == ["license-revoked", "abnormal-listed", "abnormal-removed", "abnormal-listed", "notice-filed", "notice-objected",
                                  "changed"], "\(recordChanges)")
        let renamedListed = try #require(changes.last { $0.code == recordCodes[2] })
        let listed = try JSONDecoder().decode(ChangeFeedValues.self, from: Data(renamedListed.newValues.utf8))
        #expect(listed.registers.abnormalListings.count == 1 && listed.dossier.entity.name == "长沙乙改名网络科技有限公司")
        let plain = try #require(changes.last { $0.change == "registered" })
        let plainDossier = try JSONDecoder().decode(EntityDossier.self, from: Data(plain.newValues.utf8))
        #expect(plain.newValues == ChangeFeedJSON.encode(plainDossier) && !plain.newValues.contains("\"registers\""))

        // Snapshot 2 plus the feed after its sequence number is snapshot 3, file by file, byte for byte (NDJSON): the
        // dossier files from each entry's dossier, the register files from its records.
        for table in SnapshotTable.allCases {
            var rows = try Self.linesByCode(during.appendingPathComponent(SnapshotFile.name(of: table, format: .ndjson)))
            for change in changes where change.sequence > middle.sequence {
                let values = try JSONDecoder().decode(ChangeFeedValues.self, from: Data(change.newValues.utf8))
                var lines: [String] = []
                let encoder = SnapshotEncoder(table: table, format: .ndjson, masksPersonalIDs: true) { bytes in
                    lines += String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
                }
                let produced = table.isDossierTable ? SnapshotRows.rows(of: values.dossier, in: table)
                                                    : SnapshotRows.rows(of: values.registers, code: change.code, in: table)
                for row in produced { try encoder.row(row) }
                try encoder.flush()
                rows[change.code.rawValue] = lines
            }
            let replayed = rows.keys.sorted().flatMap { rows[$0]! }.map { $0 + "\n" }.joined()
            let actual = try String(contentsOf: after.appendingPathComponent(SnapshotFile.name(of: table, format: .ndjson)), encoding: .utf8)
            #expect(replayed == actual, "\(table.rawValue): snapshot 2 + feed ≠ snapshot 3")
        }
    }

    @Test(arguments: TestBackend.available)
    func verificationNamesEveryTampering(_ backend: TestBackend) async throws {
        try await Self.withSeededStore(backend) { store in try await Self.verificationNamesEveryTamperingBody(store) }
    }

    static func verificationNamesEveryTamperingBody<Store: RegistryStore>(_ store: Store) async throws {
        let original = Self.directory("original")
        _ = try await Self.export(store, to: original)
        #expect(SnapshotVerifier.verify(original, trustedKey: Self.signer.publicKeyBase64).isValid)

        func tampered(_ change: (URL) throws -> Void) throws -> [SnapshotProblem] {
            let copy = Self.directory("tampered")
            try FileManager.default.copyItem(at: original, to: copy)
            try change(copy)
            return SnapshotVerifier.verify(copy).problems
        }
        func lines(_ url: URL) throws -> [String] { try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\r\n") }

        let flipped = try tampered { directory in
            let url = directory.appendingPathComponent("entities.csv")
            var bytes = try Data(contentsOf: url)
            bytes[bytes.count / 2] ^= 0x01
            try bytes.write(to: url)
        }
        #expect(flipped.map(\.file) == ["entities.csv"] && flipped.map(\.check) == ["sha256"], "\(flipped)")

        let deleted = try tampered { directory in
            let url = directory.appendingPathComponent("business_licenses.csv")
            var rows = try lines(url)
            rows.remove(at: 5)
            try rows.joined(separator: "\r\n").write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(Set(deleted.map(\.file)) == ["business_licenses.csv"] && Set(deleted.map(\.check)) == ["size", "sha256", "rows"], "\(deleted)")

        let reordered = try tampered { directory in
            let url = directory.appendingPathComponent("name_history.ndjson")
            var rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            rows.swapAt(1, 2)
            try rows.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(reordered.map(\.file) == ["name_history.ndjson"] && reordered.map(\.check) == ["sha256"], "\(reordered)")

        let countEdited = try tampered { directory in
            let url = directory.appendingPathComponent("manifest.json")
            let text = try String(contentsOf: url, encoding: .utf8)
            let edited = text.replacingOccurrences(of: "\"rows\":400,", with: "\"rows\":399,")
            #expect(edited != text)
            try edited.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(countEdited.contains { $0.file == "manifest.json" && $0.check == "signature" }, "\(countEdited)")

        let reformatted = try tampered { directory in
            let url = directory.appendingPathComponent("manifest.json")
            let text = try String(contentsOf: url, encoding: .utf8)
            try text.replacingOccurrences(of: "\":", with: "\": ").write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(reformatted.map(\.check) == ["canonical"], "\(reformatted)")

        let extra = try tampered { directory in try Data("x".utf8).write(to: directory.appendingPathComponent("notes.txt")) }
        #expect(extra.map(\.file) == ["notes.txt"] && extra.map(\.check) == ["listed"])

        let missing = try tampered { directory in try FileManager.default.removeItem(at: directory.appendingPathComponent("tax_registrations.csv")) }
        #expect(missing.map(\.file) == ["tax_registrations.csv"] && missing.map(\.check) == ["present"])

        let otherKey = try LicenseSigner(rawPrivateKey: LicenseSigner.generateRawPrivateKey()).publicKeyBase64
        #expect(SnapshotVerifier.verify(original, trustedKey: otherKey).problems.map(\.check) == ["key"])

        // The chain: the next snapshot links to this one, not to itself or to a stranger.
        let next = Self.directory("next")
        _ = try await Self.export(store, to: next)
        #expect(SnapshotVerifier.verify(next, previous: original).isValid)
        #expect(SnapshotVerifier.verify(next, previous: next).problems.contains { $0.check == "chain" })
        #expect(SnapshotVerifier.verify(original, previous: next).problems.contains { $0.check == "chain" })
    }

    @Test(arguments: TestBackend.available)
    func suspensionEndsAreInTheEntitiesFileAndVersion1SnapshotsStillVerify(_ backend: TestBackend) async throws {
        try await backend.withStore { store in try await Self.suspensionEndsBody(store) }
    }

    static func suspensionEndsBody<Store: RegistryStore>(_ store: Store) async throws {
        // 2,000 seeded entities hold a few 歇业 ones (about 0.4%).
        try await RegistrySeeder(store: store).seed(count: 2_000, seed: 11, today: TestBackend.today)
        let suspended = SyntheticRegistry(count: 2_000, seed: 11, today: TestBackend.today).dossiers(0..<2_000)
            .map(\.entity).filter { $0.status == .suspended }
        try #require(!suspended.isEmpty)
        let current = Self.directory("v2")
        let manifest = try await Self.export(store, to: current)
        #expect(manifest.format == "yizhao-snapshot/3")
        let csv = try String(contentsOf: current.appendingPathComponent("entities.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("code,") && csv.components(separatedBy: "\r\n")[0].hasSuffix(",name_shown_as_code,suspended_until"))
        let lines = try Self.linesByCode(current.appendingPathComponent("entities.ndjson"))
        for entity in suspended {
            let until = try #require(entity.suspendedUntil)
            #expect(lines[entity.code.rawValue]?.first?.hasSuffix(",\"suspended_until\":\"\(until)\"}") == true, "\(entity.code)")
        }
        #expect(lines.values.filter { $0[0].hasSuffix(",\"suspended_until\":null}") }.count == 2_000 - suspended.count)

        // The same registry as a version-1 snapshot (no suspended_until, no registers), signed: it verifies; a version-2
        // manifest over those files names the header.
        func rewritten(format: String, keepingRegisters: Bool = false) throws -> URL {
            let copy = Self.directory("v1")
            try FileManager.default.copyItem(at: current, to: copy)
            var old = manifest
            old.format = format
            old.signature = nil
            if !keepingRegisters {
                for file in old.files where !file.table.isDossierTable { try FileManager.default.removeItem(at: copy.appendingPathComponent(file.name)) }
                old.files.removeAll { !$0.table.isDossierTable }
            }
            for (index, file) in old.files.enumerated() where file.table == .entities {
                let url = copy.appendingPathComponent(file.name)
                let text = try String(contentsOf: url, encoding: .utf8)
                let stripped: String
                switch file.format {
                case .csv:
                    stripped = text.components(separatedBy: "\r\n").map { line in
                        line.isEmpty ? line : String(line[..<line.lastIndex(of: ",")!])
                    }.joined(separator: "\r\n")
                case .ndjson:
                    stripped = text.split(separator: "\n").map { line in
                        String(line[..<line.range(of: ",\"suspended_until\":")!.lowerBound]) + "}\n"
                    }.joined()
                }
                let bytes = Data(stripped.utf8)
                try bytes.write(to: url)
                old.files[index].bytes = Int64(bytes.count)
                old.files[index].sha256 = Fingerprint.sha256Hex(bytes)
            }
            old.signature = try Self.signer.sign(try CanonicalJSON.encode(old.unsigned))
            try (try CanonicalJSON.encode(old) + Data([10])).write(to: copy.appendingPathComponent(SnapshotManifest.fileName))
            return copy
        }
        let version1 = try rewritten(format: "yizhao-snapshot/1")
        let verified = SnapshotVerifier.verify(version1, trustedKey: Self.signer.publicKeyBase64)
        #expect(verified.isValid, "\(verified.problems)")
        let mislabelled = SnapshotVerifier.verify(try rewritten(format: "yizhao-snapshot/2")).problems
        #expect(mislabelled.map(\.file) == ["entities.csv"] && mislabelled.map(\.check) == ["header"], "\(mislabelled)")
        let unknown = SnapshotVerifier.verify(try rewritten(format: "yizhao-snapshot/4")).problems
        #expect(unknown.contains { $0.file == SnapshotManifest.fileName && $0.detail == "unknown format yizhao-snapshot/4" }, "\(unknown)")
        // A version-1 manifest cannot list the registers of version 3.
        let registers = SnapshotVerifier.verify(try rewritten(format: "yizhao-snapshot/1", keepingRegisters: true)).problems
        #expect(registers.contains { $0.file == "abnormal_listings.csv" && $0.detail == "yizhao-snapshot/1 has no abnormal_listings table" }, "\(registers)")
    }

    @Test(arguments: TestBackend.available)
    func theRegistersAreInTheSnapshot(_ backend: TestBackend) async throws {
        try await backend.withStore { store in try await Self.registersBody(store) }
    }

    static func registersBody<Store: RegistryStore>(_ store: Store) async throws {
        let dossiers = [1, 2, 3].map { ContractFixtures.dossier(index: $0) }
        try await store.importDossiers(dossiers)
        let codes = dossiers.map(\.entity.code)
        let (actor, instant, day) = (ContractFixtures.actor, ContractFixtures.instant, ContractFixtures.day)
        _ = try await store.recordDecision(RegistrationDecision(action: .licenseRevocation, code: codes[0], documentNumber: "长市监处罚〔2024〕3号",
                                                                decidedOn: day, reason: "未公示年度报告"), actor: actor, at: instant, idempotency: nil)
        _ = try await store.listAbnormal(.init(code: codes[1], reason: .annualReportMissing, documentNumber: "长市监异〔2024〕4号", listedOn: day),
                                         actor: actor, at: instant, idempotency: nil)
        _ = try await store.fileDeregistrationNotice(code: codes[2], actor: actor, at: instant, idempotency: nil)
        let directory = Self.directory("registers")
        let manifest = try await Self.export(store, to: directory)
        #expect(SnapshotVerifier.verify(directory).isValid)
        #expect(Set(manifest.files.map(\.table)) == Set(SnapshotTable.allCases))
        func lines(_ table: SnapshotTable) throws -> [String] {
            try String(contentsOf: directory.appendingPathComponent(SnapshotFile.name(of: table, format: .ndjson)), encoding: .utf8)
                .split(separator: "\n").map(String.init)
        }
        let decisions = try lines(.decisions)
        #expect(decisions.count == 1 && decisions[0].contains("\"code\":\"\(codes[0])\"") && decisions[0].contains("\"status_after\":\"吊销\""), "\(decisions)")
        let listings = try lines(.abnormalListings)
        #expect(listings.count == 1 && listings[0].contains("\"reason\":\"annual-report-missing\"") && listings[0].contains("\"removed_on\":null"))
        let notices = try lines(.notices)
        #expect(notices.count == 1 && notices[0].contains("\"notice_from\":\"\(day)\""), "\(notices)")
    }

    @Test(arguments: TestBackend.available)
    func personalIDsAreMaskedUnlessRequested(_ backend: TestBackend) async throws {
        try await Self.withSeededStore(backend) { store in try await Self.personalIDsAreMaskedUnlessRequestedBody(store) }
    }

    static func personalIDsAreMaskedUnlessRequestedBody<Store: RegistryStore>(_ store: Store) async throws {
        let masked = Self.directory("masked")
        let unmasked = Self.directory("unmasked")
        let maskedManifest = try await Self.export(store, to: masked)
        let unmaskedManifest = try await Self.export(store, to: unmasked, personal: true)
        #expect(maskedManifest.personalIDs.masked && maskedManifest.personalIDs.rule != nil && !unmaskedManifest.personalIDs.masked)
        let code = try #require(try Self.linesByCode(masked.appendingPathComponent("entities.ndjson")).keys.sorted().first)
        let dossier = try #require(try await store.dossier(try CreditCode(validating: code)))
        let ids = [dossier.entity.legalRepresentative.idNumber, dossier.tax!.financeOfficer.idNumber, dossier.tax!.taxHandler.idNumber]
        for format in SnapshotFormat.allCases {
            let hidden = try String(contentsOf: masked.appendingPathComponent("entities.\(format.fileExtension)"), encoding: .utf8)
                + String(contentsOf: masked.appendingPathComponent("tax_registrations.\(format.fileExtension)"), encoding: .utf8)
            let shown = try String(contentsOf: unmasked.appendingPathComponent("entities.\(format.fileExtension)"), encoding: .utf8)
                + String(contentsOf: unmasked.appendingPathComponent("tax_registrations.\(format.fileExtension)"), encoding: .utf8)
            for id in ids {
                #expect(!hidden.contains(id) && hidden.contains(PersonalIDMask.mask(id)) && shown.contains(id))
            }
        }
        #expect(PersonalIDMask.mask("430102199001011234") == "430102********1234")
        let audit = try await store.auditEntries(after: 0, limit: 10).map(\.action)
        #expect(audit == ["snapshot.export", "snapshot.export+personal-ids"])
    }

    @Test(arguments: TestBackend.available)
    func aFailedExportRecordsNothingAndAFullDirectoryIsRefused(_ backend: TestBackend) async throws {
        try await Self.withSeededStore(backend) { store in try await Self.aFailedExportRecordsNothingAndAFullDirectoryIsRefusedBody(store) }
    }

    static func aFailedExportRecordsNothingAndAFullDirectoryIsRefusedBody<Store: RegistryStore>(_ store: Store) async throws {
        let occupied = Self.directory("occupied")
        try FileManager.default.createDirectory(at: occupied, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: occupied.appendingPathComponent("keep.txt"))
        await #expect(throws: SnapshotError.outputNotEmpty(occupied.path)) { _ = try await Self.export(store, to: occupied) }
        #expect(try await store.snapshotRecords(limit: 10).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: occupied.path) == ["keep.txt"])
    }
}
