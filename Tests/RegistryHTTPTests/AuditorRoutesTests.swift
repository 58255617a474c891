import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import RegistryCore
import RegistryService
import RegistrySQLite
import RegistryStore
import Testing
@testable import RegistryHTTP

/// The auditors' routes: change feed, audit log, snapshots (taken, listed, downloaded, replayed, refused without
/// the privilege) and the public open dataset.
struct AuditorRoutesTests {
    @Test func feedAuditSnapshotsAndOpenData() async throws {
        let store = try await TestApp.emptyStore()
        try await store.importDossiers((1...5).map { ContractFixtures.dossier(index: $0) })
        let (tokens, _) = try await TestApp.tokens(in: store)
        let privileged = try await AccessDesk(store: store, now: { TestApp.now })
            .create(role: .auditor, label: "审计 王敏", privileges: [.personalIDs], actor: Actor(label: "test", role: "admin", requestID: nil)).secret
        let app = try await TestApp.make(maxBodyBytes: 64 * 1024, store: store)
        try await app.test(.router) { client in
            func json(_ path: String, _ secret: String?, method: HTTPRequest.Method = .get, body: String? = nil, key: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> [String: Any] {
                try await client.execute(uri: path, method: method, headers: TestApp.headers(secret, key: key),
                                         body: body.map { ByteBuffer(string: $0) }) { response in
                    #expect(response.status == status, "\(method) \(path): \(String(buffer: response.body))")
                    return (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]) ?? [:]
                }
            }
            // A registration through the flow feeds one change.
            let form = String(decoding: try JSONEncoder().encode(ApplicationFormInput.example()), as: UTF8.self)
            let number = try await json("/v1/applications", tokens[.clerk], method: .post, body: form, status: .created)["number"] as! String
            for (department, role) in [("market", Role.reviewerMarket), ("tax", .reviewerTax), ("statistics", .reviewerStatistics)] {
                _ = try await json("/v1/applications/\(number)/reviews/\(department)", tokens[role], method: .post, body: #"{"decision":"approve"}"#)
            }
            let feed = try await json("/v1/changes?since=0&limit=10", tokens[.auditor])
            let changes = feed["changes"] as! [[String: Any]]
            #expect(changes.count == 1 && changes[0]["change"] as? String == "registered" && feed["next"] as? Int == 1)
            let dossier = changes[0]["newValues"] as? [String: Any]
            #expect((dossier?["entity"] as? [String: Any])?["name"] as? String == "长沙云图湾网络科技有限公司" && changes[0]["oldValues"] is NSNull)
            #expect((try await json("/v1/changes?since=1", tokens[.admin])["changes"] as! [Any]).isEmpty, "resumed after the last one")
            _ = try await json("/v1/changes?since=-1", tokens[.auditor], status: .badRequest)
            _ = try await json("/v1/changes?from=3", tokens[.auditor], status: .badRequest)

            // A public reservation and its cancellation are audited too.
            let reservation = #"{"name":"长沙蓝天贸易有限公司","type":"llc","industry":"5191","authority":"430104","applicant":"张三"}"#
            let reserved = try await json("/v1/name-reservations", nil, method: .post, body: reservation, status: .created)
            let reservationID = (reserved["reservation"] as! [String: Any])["id"] as! String
            _ = try await json("/v1/name-reservations/\(reservationID)", nil, method: .delete)
            // The audit log: every action, chained.
            let audit = try await json("/v1/audit?limit=1000", tokens[.auditor])["entries"] as! [[String: Any]]
            let actions = audit.map { $0["action"] as! String }
            #expect(actions.contains("application.accept.establishment") && actions.contains("registration.establishment")
                    && actions.contains("token.create.auditor+personal-ids"))
            #expect(zip(audit, audit.dropFirst()).allSatisfy { $1["previousHash"] as? String == $0["hash"] as? String })
            #expect(audit.contains { $0["action"] as? String == "application.approve.market" && ($0["requestId"] as? String)?.isEmpty == false })
            for action in ["name.reserve", "name.cancel"] {
                #expect(audit.contains { $0["action"] as? String == action && $0["role"] as? String == "public"
                                         && $0["target"] as? String == "reservation:\(reservationID)" && ($0["requestId"] as? String)?.isEmpty == false },
                        "\(action) audited")
            }

            // Snapshots: taken, replayed with the same key, listed, downloaded.
            let taken = try await json("/v1/snapshots", tokens[.auditor], method: .post, body: #"{"formats":["csv"]}"#, key: "snap-1", status: .created)
            let manifest = taken["manifest"] as! [String: Any]
            #expect(manifest["snapshot"] as? Int == 1 && manifest["sequence"] as? Int == 1 && (manifest["files"] as! [Any]).count == 8)
            let replayed = try await client.execute(uri: "/v1/snapshots", method: .post, headers: TestApp.headers(tokens[.auditor], key: "snap-1"),
                                                    body: ByteBuffer(string: #"{"formats":["csv"]}"#)) { response in
                (response.status, response.headers[HTTPField.Name("Idempotent-Replayed")!], String(buffer: response.body))
            }
            #expect(replayed.0 == .created && replayed.1 == "true")
            #expect(try await store.snapshotRecords(limit: 10).count == 1, "the retry took no second snapshot")
            _ = try await json("/v1/snapshots", tokens[.auditor], method: .post, body: #"{"includePersonalIds":true}"#, status: .forbidden)
            let second = try await json("/v1/snapshots", privileged, method: .post, body: #"{"includePersonalIds":true}"#, status: .created)
            #expect(((second["manifest"] as! [String: Any])["personalIDs"] as! [String: Any])["masked"] as? Bool == false)
            let listed = try await json("/v1/snapshots", tokens[.auditor])["snapshots"] as! [[String: Any]]
            #expect(listed.map { $0["snapshot"] as! Int } == [2, 1] && listed.allSatisfy { $0["available"] as? Bool == true })
            #expect(listed[0]["previousManifestSha256"] as? String == taken["manifestSha256"] as? String)
            let csv = try await client.execute(uri: "/v1/snapshots/1/files/entities.csv", method: .get, headers: TestApp.headers(tokens[.auditor])) {
                ($0.status, $0.headers[.contentType], String(buffer: $0.body))
            }
            #expect(csv.0 == .ok && csv.1?.hasPrefix("text/csv") == true && csv.2.hasPrefix("code,name,") && csv.2.components(separatedBy: "\r\n").count == 8)
            let served = try await client.execute(uri: "/v1/snapshots/1", method: .get, headers: TestApp.headers(tokens[.auditor])) { Data($0.body.readableBytesView) }
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: store.path + ".snapshots/1/manifest.json"))
            #expect(served == onDisk && Fingerprint.sha256Hex(served) == taken["manifestSha256"] as? String)
            #expect(SnapshotVerifier.verify(URL(fileURLWithPath: store.path + ".snapshots/2"), previous: URL(fileURLWithPath: store.path + ".snapshots/1")).isValid)
            for path in ["/v1/snapshots/1/files/..%2F..%2Fetc%2Fpasswd", "/v1/snapshots/1/files/licenses.csv", "/v1/snapshots/9", "/v1/snapshots/9/files/entities.csv"] {
                _ = try await json(path, tokens[.auditor], status: .notFound)
            }
            _ = try await json("/v1/snapshots/zero", tokens[.auditor], status: .badRequest)
            _ = try await json("/v1/snapshots", tokens[.auditor], method: .post, body: #"{"formats":["xml"]}"#, status: .badRequest)

            // Open data: public, paged, ten fields, no personal data.
            var cursor: String?
            var seen: [String] = []
            repeat {
                let page = try await json("/v1/open-data/entities?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), nil)
                for entity in page["entities"] as! [[String: Any]] {
                    #expect(Set(entity.keys) == ["name", "code", "type", "legalRepresentative", "establishedOn", "registeredCapitalYuan", "domicile",
                                                 "authority", "status", "mainBusiness", "category"])
                    seen.append(entity["code"] as! String)
                }
                cursor = page["nextCursor"] as? String
            } while cursor != nil
            #expect(seen.count == 6 && Set(seen).count == 6)
            let categories = try await json("/v1/open-data/categories", nil)["categories"] as! [[String: Any]]
            #expect(categories.count == 11 && Set(categories.flatMap { $0["sections"] as! [String] }).count == 20)
            _ = try await json("/v1/open-data/entities?category=mining", nil, status: .badRequest)
            _ = try await json("/v1/open-data/entities?cursor=C~x", nil, status: .badRequest)
        }
    }
}
