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

    @Test func reviewReasonsMatchJSONEncoder() throws {
        for reasons in [[], ["材料不全"], ["第一条\n第二条", "引号\"与\\和/斜杠", "\u{01}\t"]] as [[String]] {
            #expect(StoredJSON.encode(reasons) == (try throughJSONEncoder(reasons)))
        }
    }

    /// StoredJSON's generic (JSONEncoder) path, whatever overloads exist for `T`.
    private func throughJSONEncoder<T: Encodable>(_ value: T) throws -> String { try StoredJSON.encode(value) }
}
