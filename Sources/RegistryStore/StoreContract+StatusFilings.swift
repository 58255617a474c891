import RegistryCore

extension StoreContract {
    static func filing(_ action: StatusFiling.Action, _ entity: MarketEntity, until: CalendarDate? = nil) -> StatusFiling {
        StatusFiling(action: action, code: entity.code, currentName: entity.name, type: entity.type, authority: entity.authority,
                     reason: "股东会决议", suspendedUntil: until,
                     liquidationGroup: action == .liquidation ? .init(formedOn: ContractFixtures.day, head: "陈思远", members: ["陈思远", "李敏"]) : nil)
    }

    static let statusFilingCases: [Case] = [
        Case(name: "a suspension is filed, extended and resumed, each in the change feed") { store in
            let established = try await completeApplication(store, .establishment(ContractFixtures.form()))
            guard let code = established.code, let entity = try await store.dossier(code)?.entity else { throw Violation(description: "registered") }
            let until = ContractFixtures.day.adding(days: 180)
            _ = try await completeApplication(store, .statusFiling(filing(.suspension, entity, until: until)))
            let suspended = try await store.dossier(code)?.entity
            try expect(suspended?.status == .suspended && suspended?.suspendedUntil == until && suspended?.statusChangedOn == ContractFixtures.day,
                       "歇业 until its last day: \(String(describing: suspended))")
            let page = try await store.search(try SearchQuery(text: entity.nameParts.zihao, filters: try SearchFilters(region: nil, status: "suspended", type: nil, section: nil)))
            try expect(page.hits.map(\.code) == [code], "found by the 歇业 filter: \(page.hits)")
            let later = until.adding(days: 200)
            _ = try await completeApplication(store, .statusFiling(filing(.suspension, entity, until: later)))
            let extended = try await store.dossier(code)?.entity
            try expect(extended?.status == .suspended && extended?.suspendedUntil == later && extended?.statusChangedOn == ContractFixtures.day,
                       "extended, still from the first day: \(String(describing: extended))")
            _ = try await completeApplication(store, .statusFiling(filing(.resumption, entity)))
            let resumed = try await store.dossier(code)?.entity
            try expect(resumed?.status == .active && resumed?.suspendedUntil == nil, "存续 again: \(String(describing: resumed))")
            let changes = try await store.changes(after: 0, limit: 10)
            try expect(changes.map(\.change) == ["registered", "suspended", "suspension-extended", "resumed"], "fed: \(changes.map(\.change))")
            do {
                _ = try await completeApplication(store, .statusFiling(filing(.resumption, entity)))
                try expect(false, "an existing entity cannot resume")
            } catch let error as StoreError {
                try expect(error == .invalidState("\(code) is 存续; the resumption filing no longer applies"), "refused at completion: \(error)")
            }
            try expect(try await store.changes(after: 0, limit: 10).count == 4, "the refused completion wrote nothing")
            do {
                _ = try await completeApplication(store, .statusFiling(filing(.suspension, entity, until: ContractFixtures.day.adding(days: -1))))
                try expect(false, "a suspension whose last day passed before its completion cannot complete")
            } catch let error as StoreError {
                try expect(error == .invalidState("the suspension of \(code) was to end on \(ContractFixtures.day.adding(days: -1)), before its completion on \(ContractFixtures.day)"),
                           "refused at completion: \(error)")
            }
        },
        Case(name: "an expired suspension ends by itself the day after its period") { store in
            let first = try await completeApplication(store, .establishment(ContractFixtures.form()))
            let second = try await completeApplication(store, .establishment(ContractFixtures.form(name: "长沙青禾湾网络科技有限公司")))
            guard let early = first.code, let late = second.code, let a = try await store.dossier(early)?.entity,
                  let b = try await store.dossier(late)?.entity else { throw Violation(description: "registered") }
            let lastDay = ContractFixtures.day.adding(days: 10)
            _ = try await completeApplication(store, .statusFiling(filing(.suspension, a, until: lastDay)))
            _ = try await completeApplication(store, .statusFiling(filing(.suspension, b, until: lastDay.adding(days: 30))))
            let system = Actor(label: "system", role: "system", requestID: nil)
            let none = try await store.resumeExpiredSuspensions(before: lastDay, actor: system, at: ContractFixtures.instant)
            try expect(none.isEmpty, "nothing ends on its last day: \(none)")
            let ended = try await store.resumeExpiredSuspensions(before: lastDay.adding(days: 1), actor: system, at: ContractFixtures.instant)
            try expect(ended == [early], "only the expired one: \(ended)")
            let resumed = try await store.dossier(early)?.entity
            try expect(resumed?.status == .active && resumed?.suspendedUntil == nil && resumed?.statusChangedOn == lastDay.adding(days: 1),
                       "存续 from the day after: \(String(describing: resumed))")
            try expect(try await store.dossier(late)?.entity.status == .suspended, "the other stays 歇业")
            let changes = try await store.changes(after: 0, limit: 10)
            try expect(changes.last?.change == "resumed" && changes.last?.code == early, "fed: \(changes.map(\.change))")
            let audit = try await store.auditEntries(after: 0, limit: 100)
            try expect(audit.last?.action == "registration.resumption.expired" && audit.last?.actor == "system", "audited: \(String(describing: audit.last))")
            let again = try await store.resumeExpiredSuspensions(before: lastDay.adding(days: 1), actor: system, at: ContractFixtures.instant)
            try expect(again.isEmpty, "each ends once")
        },
        Case(name: "a liquidation group makes the entity 清算 until its ordinary deregistration") { store in
            let established = try await completeApplication(store, .establishment(ContractFixtures.form()))
            guard let code = established.code, let entity = try await store.dossier(code)?.entity else { throw Violation(description: "registered") }
            _ = try await completeApplication(store, .statusFiling(filing(.liquidation, entity)))
            try expect(try await store.dossier(code)?.entity.status == .liquidating, "清算")
            let form = DeregistrationForm(code: code, currentName: entity.name, type: entity.type, authority: entity.authority, mode: .ordinary,
                                          reason: "清算结束", noticeFrom: nil, liquidationEndedOn: ContractFixtures.day)
            _ = try await completeApplication(store, .deregistration(form))
            try expect(try await store.dossier(code)?.entity.status == .deregistered, "注销")
            let changes = try await store.changes(after: 0, limit: 10)
            try expect(changes.map(\.change) == ["registered", "liquidating", "deregistered"], "fed: \(changes.map(\.change))")
        },
    ]
}

extension StoreContract {
    static let deadlineCases: [Case] = [
        Case(name: "a deadline is extended once, audited, and read back with its record") { store in
            guard case .fresh(let application) = try await store.submitApplication(ContractFixtures.application(), actor: ContractFixtures.actor,
                                                                                    idempotency: nil) else { throw Violation(description: "fresh") }
            let request = DeadlineExtensionRequest(reason: "情形复杂", approvedBy: "王局长")
            let later = application.deadline.adding(days: 5)
            let extended = try await store.extendDeadline(number: application.number, request, at: ContractFixtures.instant,
                                                          extended: { $0.adding(days: 5) }, actor: ContractFixtures.actor, idempotency: nil).freshValue
            let record = DeadlineExtension(previousDeadline: application.deadline, reason: "情形复杂", approvedBy: "王局长",
                                           recordedBy: ContractFixtures.actor.label, at: ContractFixtures.instant)
            try expect(extended.deadline == later && extended.deadlineExtension == record, "extended: \(extended)")
            let read = try await store.application(number: application.number)
            try expect(read?.deadline == later && read?.deadlineExtension == record, "read back: \(String(describing: read))")
            do {
                _ = try await store.extendDeadline(number: application.number, request, at: ContractFixtures.instant, extended: { $0.adding(days: 3) },
                                                   actor: ContractFixtures.actor, idempotency: nil)
                try expect(false, "a second extension is refused")
            } catch let error as StoreError {
                try expect(error == .application(.alreadyExtended(number: application.number, version: 1)), "refused: \(error)")
            }
            try expect(try await store.application(number: application.number)?.deadline == later, "the refusal changed nothing")
            let due = try await store.applicationsDue(through: application.deadline, limit: 10)
            try expect(due.isEmpty, "no longer due on the old deadline: \(due.map(\.number))")
            let audit = try await store.auditEntries(after: 0, limit: 10)
            try expect(audit.map(\.action) == ["application.accept.establishment", "application.extend-deadline"], "audited: \(audit.map(\.action))")
        },
    ]
}
