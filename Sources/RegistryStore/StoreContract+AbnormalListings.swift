import RegistryCore

extension StoreContract {
    /// Submits `request` and approves it by the market and tax departments, leaving the statistics approval, which
    /// completes it, to the caller.
    static func submitAndApproveAllButLast(_ store: any RegistryStore, _ request: ApplicationRequest) async throws -> Application {
        let new = NewApplication(request: request, acceptedBy: "contract", receivedAt: ContractFixtures.instant,
                                 deadline: ContractFixtures.day.adding(days: 5))
        guard case .fresh(let application) = try await store.submitApplication(new, actor: ContractFixtures.actor, idempotency: nil) else {
            throw Violation(description: "fresh")
        }
        _ = try await review(store, application.number, ContractFixtures.review(.market))
        return try await review(store, application.number, ContractFixtures.review(.tax))
    }

    static func refusal(_ expected: StoreError, _ what: String, _ body: () async throws -> Void) async throws {
        do {
            try await body()
            try expect(false, "\(what) is refused")
        } catch let error as StoreError {
            try expect(error == expected, "\(what): expected \(expected), got \(error)")
        }
    }

    static let abnormalListingCases: [Case] = [
        Case(name: "a 经营异常名录 listing bars a simplified deregistration until it is removed") { store in
            let established = try await completeApplication(store, .establishment(ContractFixtures.form()))
            guard let code = established.code, let entity = try await store.dossier(code)?.entity else { throw Violation(description: "registered") }
            let (actor, instant, day) = (ContractFixtures.actor, ContractFixtures.instant, ContractFixtures.day)
            let form = DeregistrationForm(code: code, currentName: entity.name, type: entity.type, authority: entity.authority, mode: .simplified,
                                          reason: "未开展经营", noticeFrom: day.adding(days: -30), liquidationEndedOn: nil)
            let pending = try await submitAndApproveAllButLast(store, .deregistration(form))
            let request = AbnormalListing.Request(code: code, reason: .annualReportMissing, documentNumber: "长市监异〔2024〕1号", listedOn: day)
            let listing = try await store.listAbnormal(request, actor: actor, at: instant, idempotency: nil).freshValue
            try expect(listing.id > 0 && listing.isInForce && listing.listedBy == actor.label && listing.code == code, "listed: \(listing)")
            var again = request
            again.documentNumber = "长市监异〔2024〕9号"
            try await refusal(.conflict("\(code) is already on the 经营异常名录 for “未按规定报送年度报告” since \(day) (listing \(listing.id))"),
                              "a second listing for the same reason") { _ = try await store.listAbnormal(again, actor: actor, at: instant, idempotency: nil) }
            var reused = request
            reused.reason = .unreachableAtDomicile
            try await refusal(.conflict("listing 长市监异〔2024〕1号 is already recorded for \(code)"), "a reused document number") {
                _ = try await store.listAbnormal(reused, actor: actor, at: instant, idempotency: nil)
            }
            try await refusal(.invalidState("\(code) is on the 经营异常名录 now; its simplified deregistration no longer applies"),
                              "the simplified deregistration's completion") {
                _ = try await review(store, pending.number, ContractFixtures.review(.statistics))
            }
            try expect(try await store.dossier(code)?.entity.status == .active, "still 存续")
            let removal = AbnormalListing.Removal(documentNumber: "长市监异〔2024〕2号", removedOn: day, reason: "已补报年度报告", recordedBy: actor.label)
            let removed = try await store.removeAbnormalListing(code: code, id: listing.id, removal, actor: actor, at: instant, idempotency: nil).freshValue
            try expect(removed.removal == removal && !removed.isInForce, "removed: \(removed)")
            try await refusal(.invalidState("listing \(listing.id) of \(code) already ended on \(day)"), "a second removal") {
                _ = try await store.removeAbnormalListing(code: code, id: listing.id, removal, actor: actor, at: instant, idempotency: nil)
            }
            try await refusal(.abnormalListingNotFound(code, 999), "an unknown listing's removal") {
                _ = try await store.removeAbnormalListing(code: code, id: 999, removal, actor: actor, at: instant, idempotency: nil)
            }
            try expect(try await store.abnormalListings(code: code) == [removed], "one listing, ended")
            let done = try await review(store, pending.number, ContractFixtures.review(.statistics))
            let status = try await store.dossier(code)?.entity.status
            try expect(done.state == .completed && status == .deregistered, "deregistered once removed: \(String(describing: status))")
            var late = request
            late.documentNumber = "长市监异〔2024〕3号"
            try await refusal(.invalidState("\(code) is 注销; only an entity that still exists is put on the 经营异常名录"), "listing an ended entity") {
                _ = try await store.listAbnormal(late, actor: actor, at: instant, idempotency: nil)
            }
            let audit = try await store.auditEntries(after: 0, limit: 100).map(\.action)
            try expect(audit.filter { $0.hasPrefix("registration.abnormal") } == ["registration.abnormal-listing", "registration.abnormal-removal"],
                       "audited once each: \(audit)")
            // In the change feed once each, with the records before and after; the deregistration carries the listing.
            let fed = try await store.changes(after: 0, limit: 100).filter { $0.code == code }
            try expect(fed.map(\.change) == ["registered", "abnormal-listed", "abnormal-removed", "deregistered"], "fed: \(fed.map(\.change))")
            let values = try fed.map { entry in
                (old: try entry.oldValues.map { try StoredJSON.decode(ChangeFeedValues.self, $0) }, new: try StoredJSON.decode(ChangeFeedValues.self, entry.newValues))
            }
            try expect(values[1].old?.registers == EntityRegisters.none && values[1].new.registers.abnormalListings == [listing]
                       && values[2].new.registers.abnormalListings == [removed] && values[3].new.registers.abnormalListings == [removed]
                       && values[3].new.dossier.entity.status == .deregistered, "the listing in the feed's values")
        },
        Case(name: "a change or deregistration accepted before a 撤销 no longer completes") { store in
            let established = try await completeApplication(store, .establishment(ContractFixtures.form()))
            guard let code = established.code, let entity = try await store.dossier(code)?.entity else { throw Violation(description: "registered") }
            let change = ChangeForm(code: code, currentName: entity.name, type: entity.type, authority: entity.authority, industry: entity.industry,
                                    name: nil, reservationID: nil, domicile: "湖南省长沙市岳麓区枫林三路1号", legalRepresentative: nil,
                                    registeredCapitalYuan: nil, businessScope: nil)
            let pendingChange = try await submitAndApproveAllButLast(store, .change(change))
            let form = DeregistrationForm(code: code, currentName: entity.name, type: entity.type, authority: entity.authority, mode: .ordinary,
                                          reason: "股东会决议解散", noticeFrom: nil, liquidationEndedOn: ContractFixtures.day)
            let pendingDeregistration = try await submitAndApproveAllButLast(store, .deregistration(form))
            _ = try await record(store, decision(.registrationRevocation, code, "长市监撤字〔2024〕11号"))
            try await refusal(.invalidState("\(code) is 撤销 now; only an existing (存续) entity registers changes"), "the change's completion") {
                _ = try await review(store, pendingChange.number, ContractFixtures.review(.statistics))
            }
            try await refusal(.invalidState("\(code) is 撤销 now; its ordinary deregistration no longer applies"), "the deregistration's completion") {
                _ = try await review(store, pendingDeregistration.number, ContractFixtures.review(.statistics))
            }
            let after = try await store.dossier(code)?.entity
            try expect(after?.status == .cancelled && after?.domicile == entity.domicile, "still 撤销 at the old domicile: \(String(describing: after))")
        },
    ]
}
