import RegistryCore

extension StoreContract {
    static let authority = RegionCode(value: 430_104)!

    /// A check-and-reserve as the name desk makes it, on `day`.
    static func reserve(_ store: any RegistryStore, _ name: String, industry: String = "5191", on day: CalendarDate,
                        id: String) async throws -> NameReservationOutcome {
        let request = NameCheckRequest(name: name, type: .llc, industry: IndustryCode(industry)!, authority: authority)
        let (parsed, findings) = NameRuleChecker.standard.check(request)
        let query = NameCandidateQuery(parsed: parsed, industry: request.industry, authority: authority, today: day, policy: .standard)
        let reservation = NameReservation(id: id, name: parsed.normalized, zihao: parsed.zihao, industryPhrase: parsed.industry,
                                          type: .llc, industry: request.industry, authority: authority, applicant: "测试",
                                          reservedOn: day, expiresOn: NameReservation.expiry(reservedOn: day, needsPreapproval: false),
                                          needsPreapproval: false, state: .active, stateChangedOn: nil)
        return try await store.reserveName(reservation, query: query) { candidates in
            NameCheckResult(findings: findings, conflicts: NameConflictChecker.standard.conflicts(of: parsed, request, with: candidates, on: day),
                            parse: parsed)
        }
    }

    /// The candidates the store returns for `name` at the contract authority on `day`.
    static func candidates(_ store: any RegistryStore, _ name: String, industry: String = "1512",
                           on day: CalendarDate) async throws -> [NameCandidate] {
        let parsed = EnterpriseNameParser.standard.parse(name)
        return try await store.nameCandidates(NameCandidateQuery(parsed: parsed, industry: IndustryCode(industry)!, authority: authority,
                                                                 today: day, policy: .standard))
    }

    static let nameCases: [Case] = [
        Case(name: "name candidates: same authority, by 字号, pinyin and containment") { store in
            try await store.importDossiers([
                ContractFixtures.named("长沙红光酒业发展有限公司", index: 1, industry: "1512"),
                ContractFixtures.named("长沙牛栏山酒业有限公司", index: 2, industry: "1512"),
                ContractFixtures.named("长沙阿里巴巴巴巴网络科技有限公司", index: 3, industry: "6432"),
                ContractFixtures.named("长沙红光贸易有限公司", index: 4, authority: 430_111),
                ContractFixtures.named("长沙蓝天贸易有限公司", index: 5),
            ])
            let day = ContractFixtures.day
            let red = try await candidates(store, "长沙红光白酒有限公司", on: day).map(\.name)
            try expect(red == ["长沙红光酒业发展有限公司"], "same 字号 in the authority only: \(red)")
            let homophone = try await candidates(store, "长沙牛兰山酒业有限公司", on: day).map(\.name)
            try expect(homophone == ["长沙牛栏山酒业有限公司"], "same pinyin: \(homophone)")
            let contained = try await candidates(store, "长沙阿里巴巴科技有限公司", industry: "6432", on: day).map(\.name)
            try expect(contained == ["长沙阿里巴巴巴巴网络科技有限公司"], "a longer 字号 containing the proposed one: \(contained)")
            let containing = try await candidates(store, "长沙新红光科技有限公司", on: day).map(\.name)
            try expect(containing == ["长沙红光酒业发展有限公司"], "a shorter 字号 inside the proposed one: \(containing)")
            // A registration (not a bulk import) indexes its 字号 substrings too.
            _ = try await store.register(ContractFixtures.draft(index: 9, name: "长沙巴巴乐软件有限公司", zihao: "巴巴乐"))
            let registered = try await candidates(store, "长沙巴巴网络有限公司", industry: "6432", on: day).map(\.name).sorted()
            try expect(registered == ["长沙阿里巴巴巴巴网络科技有限公司"], "another industry's containing 字号 is left out: \(registered)")
            let software = try await candidates(store, "长沙巴巴软件有限公司", industry: "6513", on: day).map(\.name).sorted()
            try expect(software == ["长沙巴巴乐软件有限公司"], "a registered (not imported) 字号 containing it: \(software)")
            let none = try await candidates(store, "长沙紫云科技有限公司", on: day)
            try expect(none.isEmpty, "nothing related: \(none.map(\.name))")
            let entity = try await candidates(store, "长沙红光服装有限公司", on: day).first
            try expect(entity?.code != nil && entity?.status == "存续" && entity?.industryPhrase == "酒业发展" && entity?.industry.rawValue == "1512",
                       "a candidate carries code, status, industry phrase and code: \(String(describing: entity))")
        },
        Case(name: "renamed and deregistered names keep counting for the cooldown") { store in
            let renamed = ContractFixtures.named("长沙红光酒业发展有限公司", index: 1, industry: "1512")
            let closed = ContractFixtures.named("长沙青松贸易有限公司", index: 2)
            try await store.importDossiers([renamed, closed])
            let day = CalendarDate(year: 2025, month: 6, day: 10)!
            let newName = EnterpriseNameParser.standard.parse("长沙蓝天酒业有限公司")
            _ = try await store.rename(renamed.entity.code, to: "长沙蓝天酒业有限公司", parts: newName.parts, on: day)
            _ = try await store.changeStatus(closed.entity.code, to: .deregistered, on: day)
            let soon = day.adding(days: 30)
            let former = try await candidates(store, "长沙红光酒业有限公司", on: soon)
            try expect(former.map(\.source) == [.formerName] && former.first?.code == renamed.entity.code,
                       "the former name is a candidate a month later: \(former)")
            let later = try await candidates(store, "长沙红光酒业有限公司", on: day.adding(months: 13))
            try expect(later.isEmpty, "a former name older than the cooldown is not: \(later)")
            let dead = try await candidates(store, "长沙青松贸易有限公司", on: soon)
            try expect(dead.first?.endedOn == day && dead.first?.status == "注销", "a deregistered entity carries its end date: \(dead)")
            try expect(!(dead.first?.counts(on: day.adding(months: 12), policy: .standard) ?? true), "and stops counting after a year")
        },
        Case(name: "check-and-reserve holds a name until cancelled") { store in
            let day = ContractFixtures.day
            let first = try await reserve(store, "长沙红光贸易有限公司", on: day, id: "NR-A")
            try expect(first.reservation?.id == "NR-A" && first.check.verdict == .available, "the first reservation wins: \(first.check)")
            let again = try await reserve(store, "长沙红光贸易有限公司", on: day, id: "NR-B")
            try expect(again.reservation == nil && again.check.verdict == .blocked, "the same name is blocked: \(again.check.verdict)")
            try expect(again.check.conflicts.first?.existing.reservationID == "NR-A", "the conflict names the reservation")
            let similar = try await reserve(store, "长沙红光商贸有限公司", on: day, id: "NR-C")
            try expect(similar.reservation == nil && similar.check.conflicts.map(\.rule) == [.sameZihaoSameIndustry],
                       "the same 字号 in the same industry is blocked: \(similar.check.conflicts.map(\.rule))")
            let longer = try await candidates(store, "长沙红光明贸易有限公司", industry: "5191", on: day)
            try expect(longer.contains { $0.reservationID == "NR-A" }, "a reserved 字号 inside a longer proposed one is a candidate: \(longer)")
            let read = try await store.nameReservation(id: "NR-A")
            try expect(read == first.reservation, "the reservation reads back: \(String(describing: read))")
            try expect(try await store.nameReservation(id: "NR-X") == nil, "an unknown id has none")
            let cancelled = try await store.cancelNameReservation(id: "NR-A", on: day.adding(days: 1))
            try expect(cancelled.state == .cancelled && cancelled.stateChangedOn == day.adding(days: 1), "cancelled: \(cancelled)")
            do {
                _ = try await store.cancelNameReservation(id: "NR-A", on: day.adding(days: 2))
                try expect(false, "cancelling twice must fail")
            } catch let error as StoreError {
                if case .invalidState = error {} else { try expect(false, "invalidState, got \(error)") }
            }
            do {
                _ = try await store.cancelNameReservation(id: "NR-X", on: day)
                try expect(false, "cancelling an unknown id must fail")
            } catch let error as StoreError {
                try expect(error == .reservationNotFound("NR-X"), "reservationNotFound, got \(error)")
            }
            let audited = try await store.auditEntries(after: 0, limit: 10).map { "\($0.action) \($0.target)" }
            try expect(audited == ["name.reserve reservation:NR-A", "name.cancel reservation:NR-A"],
                       "a reservation and its cancellation are audited, refusals are not: \(audited)")
            let afterCancel = try await reserve(store, "长沙红光贸易有限公司", on: day.adding(days: 1), id: "NR-D")
            try expect(afterCancel.reservation != nil, "a cancelled reservation no longer counts")
        },
        Case(name: "reservations stop counting when they expire") { store in
            let day = CalendarDate(year: 2024, month: 12, day: 31)!
            let first = try await reserve(store, "长沙红光贸易有限公司", on: day, id: "NR-A")
            try expect(first.reservation?.expiresOn == CalendarDate(year: 2025, month: 2, day: 28), "two months, clamped to the month's end")
            let before = try await reserve(store, "长沙红光贸易有限公司", on: CalendarDate(year: 2025, month: 2, day: 27)!, id: "NR-B")
            try expect(before.reservation == nil, "still held the day before expiry")
            let after = try await reserve(store, "长沙红光贸易有限公司", on: CalendarDate(year: 2025, month: 2, day: 28)!, id: "NR-C")
            try expect(after.reservation != nil, "free on the expiry day: \(after.check.conflicts)")
            let old = try await store.nameReservation(id: "NR-A")
            try expect(old?.state(on: CalendarDate(year: 2025, month: 3, day: 1)!) == .expired, "the old one reads as expired")
        },
        Case(name: "100 concurrent reservations of one name: exactly one wins") { store in
            let day = ContractFixtures.day
            let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<100 {
                    group.addTask { try await reserve(store, "长沙红光贸易有限公司", on: day, id: "NR-\(index)").reservation != nil }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            try expect(winners == 1, "\(winners) winners")
            let similar = try await withThrowingTaskGroup(of: Bool.self) { group in
                for (index, name) in ["长沙紫光贸易有限公司", "长沙紫光商贸有限公司", "长沙紫光经贸有限公司", "紫光（长沙）贸易有限公司"].enumerated() {
                    group.addTask { try await reserve(store, name, on: day, id: "NR-S\(index)").reservation != nil }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            try expect(similar == 1, "\(similar) same-字号 same-industry reservations held at once")
        },
    ]
}
