import RegistryCore

extension StoreContract {
    static let noticeCases: [Case] = [
        Case(name: "a 简易注销 notice is filed once, an objection closes it, and the deregistration it led to no longer completes") { store in
            let established = try await completeApplication(store, .establishment(ContractFixtures.form()))
            guard let code = established.code, let entity = try await store.dossier(code)?.entity else { throw Violation(description: "registered") }
            let (actor, instant, day) = (ContractFixtures.actor, ContractFixtures.instant, ContractFixtures.day)
            let notice = try await store.fileDeregistrationNotice(code: code, actor: actor, at: instant, idempotency: nil).freshValue
            try expect(notice.from == day && notice.to == day.adding(days: 19) && notice.objection == nil && notice.filedBy == actor.label,
                       "filed from today: \(notice)")
            try await refusal(.conflict("\(code) already has a notice from \(day) (notice \(notice.id)), open until \(day.adding(days: 39))"),
                              "a second notice while the first is open") {
                _ = try await store.fileDeregistrationNotice(code: code, actor: actor, at: instant, idempotency: nil)
            }
            // The application names the notice's first day; an objection during the notice comes before its completion.
            let form = DeregistrationForm(code: code, currentName: entity.name, type: entity.type, authority: entity.authority, mode: .simplified,
                                          reason: "未开展经营", noticeFrom: day, liquidationEndedOn: nil)
            let pending = try await submitAndApproveAllButLast(store, .deregistration(form))
            let late = DeregistrationNotice.Objection(party: "债权人 李某", reason: "货款未结清", objectedOn: day.adding(days: 20), recordedBy: actor.label)
            try await refusal(.invalidState("notice \(notice.id) of \(code) ran from \(day) to \(day.adding(days: 19)); objections are lodged while it runs"),
                              "an objection after the notice") {
                _ = try await store.objectToDeregistrationNotice(code: code, id: notice.id, late, actor: actor, at: instant, idempotency: nil)
            }
            var objection = late
            objection.objectedOn = day.adding(days: 5)
            let objected = try await store.objectToDeregistrationNotice(code: code, id: notice.id, objection, actor: actor, at: instant,
                                                                        idempotency: nil).freshValue
            try expect(objected.objection == objection, "objected: \(objected)")
            try await refusal(.conflict("notice \(notice.id) of \(code) already drew an objection from 债权人 李某 on \(day.adding(days: 5))"), "a second objection") {
                _ = try await store.objectToDeregistrationNotice(code: code, id: notice.id, objection, actor: actor, at: instant, idempotency: nil)
            }
            try await refusal(.noticeNotFound(code, 999), "an objection to an unknown notice") {
                _ = try await store.objectToDeregistrationNotice(code: code, id: 999, objection, actor: actor, at: instant, idempotency: nil)
            }
            try await refusal(.invalidState("the 简易注销 notice of \(code) from \(day) drew an objection from 债权人 李某; its simplified deregistration no longer applies"),
                              "the simplified deregistration's completion") {
                _ = try await review(store, pending.number, ContractFixtures.review(.statistics))
            }
            try expect(try await store.dossier(code)?.entity.status == .active, "still 存续")
            let standing = try await store.standing(code: code)
            try expect(standing.deregistrationNotice == objected && standing.abnormalListings.isEmpty, "standing: \(standing)")
            // Objected, the notice is closed: a new one may be filed.
            let second = try await store.fileDeregistrationNotice(code: code, actor: actor, at: instant, idempotency: nil).freshValue
            try expect(try await store.deregistrationNotices(code: code) == [objected, second], "both notices, oldest first")
            let audit = try await store.auditEntries(after: 0, limit: 100).map(\.action).filter { $0.hasPrefix("registration.deregistration-") }
            try expect(audit == ["registration.deregistration-notice", "registration.deregistration-objection", "registration.deregistration-notice"],
                       "audited: \(audit)")
            let fed = try await store.changes(after: 0, limit: 100).filter { $0.code == code }
            try expect(fed.map(\.change) == ["registered", "notice-filed", "notice-objected", "notice-filed"], "fed: \(fed.map(\.change))")
            let last = try StoredJSON.decode(ChangeFeedValues.self, fed[3].newValues)
            let before = try fed[3].oldValues.map { try StoredJSON.decode(ChangeFeedValues.self, $0) }
            try expect(last.registers.notices == [objected, second] && before?.registers.notices == [objected] && last.dossier == before?.dossier,
                       "the notices in the feed's values")
        },
        Case(name: "no notice for a 个体工商户, a listed entity or an ended one") { store in
            let (actor, instant) = (ContractFixtures.actor, ContractFixtures.instant)
            let shop = ContractFixtures.dossier(index: 5)  // every fifth fixture is a 个体工商户
            let company = ContractFixtures.dossier(index: 1)
            try await store.importDossiers([shop, company])
            try expect(shop.entity.type == .individual, "a 个体工商户")
            try await refusal(.invalidState("\(shop.entity.code) is a 个体工商户: its simplified deregistration needs no public notice (条例 第33条)"), "a shop's notice") {
                _ = try await store.fileDeregistrationNotice(code: shop.entity.code, actor: actor, at: instant, idempotency: nil)
            }
            let code = company.entity.code
            _ = try await store.listAbnormal(.init(code: code, reason: .unreachableAtDomicile, documentNumber: "长市监异〔2024〕8号",
                                                   listedOn: ContractFixtures.day), actor: actor, at: instant, idempotency: nil)
            try await refusal(.invalidState("\(code) is on the 经营异常名录 since \(ContractFixtures.day): simplified deregistration is excluded (细则 第48条)"),
                              "a listed entity's notice") {
                _ = try await store.fileDeregistrationNotice(code: code, actor: actor, at: instant, idempotency: nil)
            }
            try expect(try await store.deregistrationNotices(code: code).isEmpty, "nothing filed")
        },
    ]
}
