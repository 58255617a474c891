import RegistryCore
import RegistrySQLite
import RegistryService
import RegistryStore
import Testing

/// The name parser against seeded names, and request validation (the checks against a registry are in
/// RegistryServiceTests/NameCheckTests, on every backend).
struct NameCheckSeedTests {
    @Test func theParserReadsSeededNamesAsTheyWereMade() {
        let dossiers = SyntheticRegistry(count: 2_000, seed: 7, today: TemporaryStore.today).dossiers(0..<2_000)
        var disagreements: [String] = []
        for entity in dossiers.map(\.entity) {
            let parsed = EnterpriseNameParser.standard.parse(entity.name, authority: entity.authority.value)
            if parsed.zihao != entity.nameParts.zihao { disagreements.append("\(entity.name): \(parsed.zihao) ≠ \(entity.nameParts.zihao)") }
        }
        // A few generated 字号 end in a character that is itself an industry word; at most 2% may differ.
        #expect(disagreements.count * 50 <= dossiers.count, "\(disagreements.count): \(disagreements.prefix(20))")
    }

    @Test func invalidFieldsAreAllReported() {
        #expect(throws: NameDeskError.invalidRequest([
            .init(field: "name", message: "the name is empty"),
            .init(field: "type", message: "unknown entity type “ltd”; one of llc, joint-stock, partnership, sole-proprietorship, individual, cooperative, branch"),
            .init(field: "industry", message: "“99999” is not a GB/T 4754-2017 code"),
            .init(field: "authority", message: "“430199” is not the six-digit code of a current region"),
        ])) {
            try NameDesk<SQLiteRegistryStore>.request(name: " ", type: "ltd", industry: "99999", authority: "430199")
        }
    }
}
