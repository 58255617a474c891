import RegistryCore

extension StoreContract {
    static func decision(_ action: RegistrationDecision.Action, _ code: CreditCode, _ document: String,
                         on day: CalendarDate = ContractFixtures.day) -> RegistrationDecision {
        RegistrationDecision(action: action, code: code, documentNumber: document, decidedOn: day, reason: "条例 第44条：未依法公示年度报告")
    }

    static func record(_ store: any RegistryStore, _ decision: RegistrationDecision) async throws -> RegistrationDecision.Record {
        try await store.recordDecision(decision, actor: ContractFixtures.actor, at: ContractFixtures.instant, idempotency: nil).freshValue
    }

    static let decisionCases: [Case] = [
        Case(name: "吊销, 撤销 and the reversal of the 撤销 change the status, each recorded, fed and audited") { store in
            let established = try await completeApplication(store, .establishment(ContractFixtures.form()))
            guard let code = established.code, let entity = try await store.dossier(code)?.entity else { throw Violation(description: "registered") }
            let day = ContractFixtures.day
            let revoked = try await record(store, decision(.licenseRevocation, code, "长市监处罚〔2024〕1号"))
            try expect(revoked.statusBefore == .active && revoked.statusAfter == .revoked && revoked.id > 0, "吊销: \(revoked)")
            let read = try await store.dossier(code)?.entity
            try expect(read?.status == .revoked && read?.statusChangedOn == day, "吊销 on the decision's day: \(String(describing: read))")
            let page = try await store.search(try SearchQuery(text: entity.nameParts.zihao,
                                                              filters: try SearchFilters(region: nil, status: "revoked", type: nil, section: nil)))
            try expect(page.hits.map(\.code) == [code], "found by the 吊销 filter: \(page.hits)")
            let cancelled = try await record(store, decision(.registrationRevocation, code, "长市监撤字〔2024〕2号", on: day.adding(days: 3)))
            try expect(cancelled.statusBefore == .revoked && cancelled.statusAfter == .cancelled, "撤销: \(cancelled)")
            let reversed = try await record(store, decision(.revocationReversal, code, "长市监撤字〔2024〕3号", on: day.adding(days: 9)))
            try expect(reversed.statusBefore == .cancelled && reversed.statusAfter == .revoked, "the former state (吊销) restored: \(reversed)")
            let after = try await store.dossier(code)?.entity
            try expect(after?.status == .revoked && after?.statusChangedOn == day.adding(days: 9), "吊销 again: \(String(describing: after))")
            let listed = try await store.decisions(code: code)
            try expect(listed == [revoked, cancelled, reversed], "listed oldest first: \(listed)")
            let changes = try await store.changes(after: 0, limit: 10)
            try expect(changes.map(\.change) == ["registered", "license-revoked", "registration-revoked", "revocation-reversed"], "fed: \(changes.map(\.change))")
            let audit = try await store.auditEntries(after: 0, limit: 100).suffix(3).map(\.action)
            try expect(audit == ["registration.decision.license-revocation", "registration.decision.registration-revocation",
                                 "registration.decision.revocation-reversal"], "audited: \(audit)")
        },
        Case(name: "a reversal restores a 歇业 with its period") { store in
            let established = try await completeApplication(store, .establishment(ContractFixtures.form()))
            guard let code = established.code, let entity = try await store.dossier(code)?.entity else { throw Violation(description: "registered") }
            let until = ContractFixtures.day.adding(days: 200)
            _ = try await completeApplication(store, .statusFiling(filing(.suspension, entity, until: until)))
            _ = try await record(store, decision(.registrationRevocation, code, "长市监撤字〔2024〕7号"))
            try expect(try await store.dossier(code)?.entity.suspendedUntil == nil, "撤销 ends the period")
            _ = try await record(store, decision(.revocationReversal, code, "长市监撤字〔2024〕8号", on: ContractFixtures.day.adding(days: 1)))
            let restored = try await store.dossier(code)?.entity
            try expect(restored?.status == .suspended && restored?.suspendedUntil == until, "歇业 until its last day again: \(String(describing: restored))")
        },
        Case(name: "refused decisions write nothing") { store in
            let established = try await completeApplication(store, .establishment(ContractFixtures.form()))
            guard let code = established.code else { throw Violation(description: "registered") }
            let feed = try await store.changes(after: 0, limit: 100).count
            func refused(_ decision: RegistrationDecision, _ expected: StoreError) async throws {
                try await refusal(expected, "\(decision.action.rawValue) \(decision.documentNumber)") { _ = try await record(store, decision) }
            }
            try await refused(decision(.revocationReversal, code, "长市监撤字〔2024〕4号"),
                              .invalidState("\(code) is 存续; 撤销被撤销的登记 does not apply to it"))
            try await refused(decision(.licenseRevocation, code, "长市监处罚〔2024〕5号", on: ContractFixtures.day.adding(days: -1)),
                              .invalidState("the decision of \(ContractFixtures.day.adding(days: -1)) is before \(code) was established on \(ContractFixtures.day)"))
            let unknown = try CodeAllocator.creditCode(type: .llc, authority: RegionCode(value: 430_104)!, sequence: 999)
            try await refused(decision(.licenseRevocation, unknown, "长市监处罚〔2024〕5号"), .entityNotFound(unknown))
            _ = try await record(store, decision(.licenseRevocation, code, "长市监处罚〔2024〕5号"))
            try await refused(decision(.licenseRevocation, code, "长市监处罚〔2024〕5号"),
                              .conflict("decision 长市监处罚〔2024〕5号 is already recorded for \(code)"))
            try await refused(decision(.licenseRevocation, code, "长市监处罚〔2024〕6号"), .invalidState("\(code) is 吊销; 吊销营业执照 does not apply to it"))
            try await refused(decision(.revocationReversal, code, "长市监撤字〔2024〕6号"), .invalidState("\(code) is 吊销; 撤销被撤销的登记 does not apply to it"))
            try expect(try await store.decisions(code: code).count == 1, "one decision recorded")
            try expect(try await store.changes(after: 0, limit: 100).count == feed + 1, "one change fed")
            try expect(try await store.dossier(code)?.entity.status == .revoked, "吊销")
            do {
                _ = try await store.decisions(code: unknown)
                try expect(false, "no decisions for an unknown entity")
            } catch let error as StoreError {
                try expect(error == .entityNotFound(unknown), "entityNotFound, got \(error)")
            }
        },
    ]
}
