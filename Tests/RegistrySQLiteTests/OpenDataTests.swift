import Foundation
import GRDB
import RegistryCore
import RegistryService
import RegistrySQLite
import RegistryStore
import RegistryTestSupport
import Testing

/// Open data from a seeded SQLite registry (one name put under a correction order by editing the file).
struct OpenDataTests {
    static let signer = try! LicenseSigner(rawPrivateKey: LicenseSigner.generateRawPrivateKey())
    static let auditor = Actor(label: "审计 王敏", role: "auditor", requestID: nil)

    static func directory(_ label: String) -> URL {
        Scratch.directory.appendingPathComponent("yizhao-snapshot-\(label)-\(UUID().uuidString)")
    }

    static func seededStore() async throws -> SQLiteRegistryStore {
        let store = try await TemporaryStore.make("snapshot")
        try await RegistrySeeder(store: store).seed(count: 400, seed: 11, today: TemporaryStore.today)
        return store
    }

    static func export(_ store: SQLiteRegistryStore, to directory: URL, personal: Bool = false) async throws -> SnapshotManifest {
        try await SnapshotExporter(store: store, signer: signer, now: { ContractFixtures.instant })
            .export(to: directory, includePersonalIDs: personal, actor: auditor).freshValue.manifest
    }

    @Test func openDataShowsTenPublicFieldsAndNoPersonalData() async throws {
        let store = try await Self.seededStore()
        // One name under a correction order.
        let corrected = try #require(try await store.openData(sections: ["F"], after: nil, limit: 1).first)
        try await DatabaseQueue(path: store.path).write { db in
            try db.execute(sql: "UPDATE entities SET name_shown_as_code = 1 WHERE code = ?", arguments: [corrected.code.rawValue])
        }
        let unmasked = Self.directory("ids")
        _ = try await Self.export(store, to: unmasked, personal: true)
        var ids = Set<String>()
        for file in ["entities.csv", "tax_registrations.csv"] {
            for line in try String(contentsOf: unmasked.appendingPathComponent(file), encoding: .utf8).components(separatedBy: "\r\n") {
                for field in line.split(separator: ",") where field.count == 18 && field.prefix(17).allSatisfy(\.isNumber) {
                    ids.insert(String(field))
                }
            }
        }
        #expect(ids.count > 300)
        let desk = OpenDataDesk(store: store)
        var seen: [String] = []
        var byCategory: [String: Int] = [:]
        for category in OpenDataCategory.allCases {
            var cursor: String?
            repeat {
                let page = try await desk.page(category: category, cursor: cursor, limit: 37)
                for entity in page.entities {
                    let fields = [entity.name, entity.code, entity.type, entity.legalRepresentative, entity.establishedOn, entity.domicile,
                                  entity.authority, entity.status, entity.mainBusiness, entity.category]
                    #expect(fields.allSatisfy { field in !ids.contains { field.contains($0) } }, "\(entity.code) shows a personal ID")
                    #expect(entity.category == category.rawValue)
                    if entity.code == corrected.code.rawValue { #expect(entity.name == entity.code) } else { #expect(entity.name != entity.code) }
                    seen.append(entity.code)
                }
                byCategory[category.rawValue, default: 0] += page.entities.count
                cursor = page.nextCursor
            } while cursor != nil
        }
        #expect(seen.count == 400 && Set(seen).count == 400, "every entity in exactly one category, each page once")
        #expect(byCategory.values.filter { $0 > 0 }.count >= 5)
        await #expect(throws: OpenDataError.invalidCursor) { _ = try await desk.page(category: .trade, cursor: "Z~bad", limit: 10) }
        let tradeCursor = try #require(try await desk.page(category: .trade, cursor: nil, limit: 1).nextCursor)
        await #expect(throws: OpenDataError.invalidCursor) { _ = try await desk.page(category: .agriculture, cursor: tradeCursor, limit: 10) }
    }
}
