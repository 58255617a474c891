import Foundation
import RegistryCore
import RegistryService
import RegistryStore
import Testing

/// The change feed's dossier JSON is written field by field; it must stay byte for byte what JSONEncoder (sorted
/// keys, `/` unescaped) makes of the same dossier, so feeds written before and after read and hash the same.
struct DossierJSONTests {
    @Test func matchesJSONEncoderOnSyntheticDossiers() throws {
        let registry = SyntheticRegistry(count: 3_000, seed: 11, today: CalendarDate(year: 2026, month: 11, day: 27)!)
        var mismatches = 0
        for dossier in registry.dossiers(0..<3_000) where ChangeFeedJSON.encode(dossier) != (try StoredJSON.encode(dossier)) {
            mismatches += 1
        }
        #expect(mismatches == 0)
    }

    @Test(arguments: ["引号\"与\\反斜杠", "a/b\u{7F}", "控制\u{01}\u{08}\u{0C}\n\r\t\u{1F}字符", "emoji 🏮 \u{2028}\u{2029}", ""])
    func matchesJSONEncoderOnAwkwardStrings(_ text: String) throws {
        var dossier = ContractFixtures.dossier(index: 7)
        dossier.entity.name = text
        dossier.entity.domicile = text
        dossier.entity.legalRepresentative.name = text
        dossier.entity.nameParts.zihao = text
        dossier.entity.registeredCapitalYuan = nil
        dossier.entity.operatingTermEnd = CalendarDate(year: 2046, month: 1, day: 1)
        dossier.entity.statusChangedOn = CalendarDate(year: 2025, month: 6, day: 30)
        dossier.entity.status = .revoked
        dossier.entity.nameShownAsCode = true
        dossier.entity.suspendedUntil = CalendarDate(year: 2027, month: 3, day: 31)
        dossier.licenses.append(BusinessLicense(entity: dossier.entity, version: 2, issuedOn: CalendarDate(year: 2025, month: 1, day: 2)!))
        dossier.names.insert(NameRecord(name: text, zihao: text, validFrom: CalendarDate(year: 2020, month: 1, day: 1)!,
                                        validTo: CalendarDate(year: 2024, month: 12, day: 31)), at: 0)
        #expect(ChangeFeedJSON.encode(dossier) == (try StoredJSON.encode(dossier)))
        dossier.tax = nil
        dossier.statistics = nil
        #expect(ChangeFeedJSON.encode(dossier) == (try StoredJSON.encode(dossier)))
    }

    /// Change-feed values of an entity with register records: the dossier's keys and `registers` among them in sorted
    /// order, read back whole; without records, exactly the dossier's JSON.
    @Test func feedValuesCarryTheRegistersBesideTheDossier() throws {
        let dossier = ContractFixtures.dossier(index: 3)
        let code = dossier.entity.code
        #expect(try ChangeFeedJSON.encode(dossier, registers: .none) == ChangeFeedJSON.encode(dossier))
        let day = ContractFixtures.day
        let registers = EntityRegisters(
            decisions: [RegistrationDecision.Record(id: 4, decision: RegistrationDecision(action: .licenseRevocation, code: code, documentNumber: "长市监处罚〔2024〕3号",
                                                                                         decidedOn: day, reason: "未公示年度报告"),
                                                    statusBefore: .active, suspendedUntilBefore: nil, statusAfter: .revoked, recordedBy: "审核员",
                                                    recordedAt: ContractFixtures.instant)],
            abnormalListings: [AbnormalListing(id: 9, code: code, reason: .annualReportMissing, documentNumber: "长市监异〔2024〕4号", listedOn: day,
                                               listedBy: "窗口", removal: .init(documentNumber: "长市监移〔2024〕5号", removedOn: day, reason: "已报送", recordedBy: "窗口"))],
            notices: [DeregistrationNotice(id: 2, code: code, from: day, filedBy: "窗口", objection: nil)])
        let json = try ChangeFeedJSON.encode(dossier, registers: registers)
        let values = try StoredJSON.decode(ChangeFeedValues.self, json)
        #expect(values == ChangeFeedValues(dossier: dossier, registers: registers))
        #expect(try StoredJSON.decode(EntityDossier.self, json) == dossier)
        let keys = ["\"entity\":", "\"licenses\":", "\"names\":", "\"registers\":{\"abnormalListings\":", "\"statistics\":", "\"tax\":"]
        let offsets = keys.compactMap { json.range(of: $0)?.lowerBound }
        #expect(offsets.count == keys.count && offsets == offsets.sorted(), "\(json)")
    }

    @Test func reviewReasonsMatchJSONEncoder() throws {
        for reasons in [[], ["材料不全"], ["第一条\n第二条", "引号\"与\\和/斜杠", "\u{01}\t"]] as [[String]] {
            #expect(StoredJSON.encode(reasons) == (try throughJSONEncoder(reasons)))
        }
    }

    /// StoredJSON's generic (JSONEncoder) path, whatever overloads exist for `T`.
    private func throughJSONEncoder<T: Encodable>(_ value: T) throws -> String { try StoredJSON.encode(value) }
}
