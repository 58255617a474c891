import RegistryCore

extension StoreContract {
    /// Completes an application of `request` by approving every part.
    static func completeApplication(_ store: any RegistryStore, _ request: ApplicationRequest) async throws -> Application {
        let pending = try await submitAndApproveAllButLast(store, request)
        return try await review(store, pending.number, ContractFixtures.review(.statistics))
    }

    static let changeCases: [Case] = [
        Case(name: "a change registration renames, changes items and issues one license version") { store in
            let established = try await completeApplication(store, .establishment(ContractFixtures.form()))
            guard let code = established.code, let before = try await store.dossier(code) else { throw Violation(description: "registered") }
            let person = Person(name: "赵新民", idNumber: ResidentID.synthetic(region: 430104, birth: CalendarDate(year: 1979, month: 5, day: 6)!, sequence: 7))
            let change = ChangeForm(code: code, currentName: before.entity.name, type: .llc, authority: before.entity.authority,
                                    industry: before.entity.industry, name: "长沙云图湾信息技术有限公司", reservationID: nil,
                                    domicile: "湖南省长沙市岳麓区枫林三路1号", legalRepresentative: person, registeredCapitalYuan: 2_000_000,
                                    businessScope: nil)
            let done = try await completeApplication(store, .change(change))
            try expect(done.state == .completed && done.code == code, "completed on the same code: \(done)")
            guard let after = try await store.dossier(code) else { throw Violation(description: "still there") }
            try expect(after.entity.name == "长沙云图湾信息技术有限公司" && after.entity.domicile == "湖南省长沙市岳麓区枫林三路1号"
                       && after.entity.legalRepresentative == person && after.entity.registeredCapitalYuan == 2_000_000
                       && after.entity.businessScope == before.entity.businessScope, "items changed: \(after.entity)")
            try expect(after.licenses.map(\.version) == [1, 2] && after.licenses.last?.legalRepresentative == "赵新民", "one new license version")
            try expect(after.formerNames.map(\.name) == [before.entity.name], "the old name is a former name")
            let old = try await store.search(try SearchQuery(text: "云图湾网络"))
            try expect(old.hits.map(\.code) == [code], "the former name stays searchable")
            let changes = try await store.changes(after: 0, limit: 10)
            try expect(changes.map(\.change) == ["registered", "changed"] && changes.last?.oldValues != nil, "fed: \(changes.map(\.change))")
        },
        Case(name: "a deregistration ends the entity and its name enters the cooldown") { store in
            let established = try await completeApplication(store, .establishment(ContractFixtures.form()))
            guard let code = established.code, let entity = try await store.dossier(code)?.entity else { throw Violation(description: "registered") }
            let form = DeregistrationForm(code: code, currentName: entity.name, type: entity.type, authority: entity.authority, mode: .ordinary,
                                          reason: "股东会决议解散", noticeFrom: nil, liquidationEndedOn: ContractFixtures.day)
            let done = try await completeApplication(store, .deregistration(form))
            try expect(done.state == .completed, "completed")
            let after = try await store.dossier(code)
            try expect(after?.entity.status == .deregistered && after?.entity.statusChangedOn == ContractFixtures.day, "注销 on the day")
            let parsed = EnterpriseNameParser.standard.parse(entity.name)
            let candidates = try await store.nameCandidates(NameCandidateQuery(
                parsed: parsed, industry: entity.industry, authority: entity.authority, today: ContractFixtures.day.adding(days: 30), policy: .standard))
            try expect(candidates.contains { $0.code == code }, "the deregistered name still counts for a year")
            do {
                _ = try await completeApplication(store, .deregistration(form))
                try expect(false, "a second deregistration cannot complete")
            } catch let error as StoreError {
                try expect(error == .invalidState("\(code) is 注销 now; its ordinary deregistration no longer applies"), "refused at completion: \(error)")
            }
            try expect(try await store.changes(after: 0, limit: 10).count == 2, "nothing more fed")
        },
    ]
}
