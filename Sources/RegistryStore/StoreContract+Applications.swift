import Foundation
import RegistryCore

extension StoreContract {
    /// Submits the fixture application and returns it.
    static func submit(_ store: any RegistryStore, _ form: ApplicationForm = ContractFixtures.form()) async throws -> Application {
        guard case .fresh(let application) = try await store.submitApplication(ContractFixtures.application(form), actor: ContractFixtures.actor,
                                                                                idempotency: nil) else {
            throw Violation(description: "a submission without a key is never a replay")
        }
        return application
    }

    /// Records a review and returns the application.
    @discardableResult
    static func review(_ store: any RegistryStore, _ number: String, _ review: Application.Review) async throws -> Application {
        guard case .fresh(let application) = try await store.reviewApplication(
            number: number, review: review, actor: ContractFixtures.actor, plan: ContractFixtures.plan, idempotency: nil) else {
            throw Violation(description: "a review without a key is never a replay")
        }
        return application
    }

    static let applicationCases: [Case] = [
        Case(name: "approvals in any order complete the registration in one step") { store in
            let application = try await submit(store)
            try expect(application.number.hasPrefix("SQ20240301") && application.state == .underReview, "numbered: \(application.number)")
            try expect(application.deadline == CalendarDate(year: 2024, month: 3, day: 6), "3 working days from a Friday: \(application.deadline)")
            try await review(store, application.number, ContractFixtures.review(.statistics))
            let middle = try await review(store, application.number, ContractFixtures.review(.market))
            let countBefore = try await store.entityCount()
            try expect(middle.state == .underReview && middle.code == nil && countBefore == 0, "not complete before the last approval")
            let done = try await review(store, application.number, ContractFixtures.review(.tax))
            guard let code = done.code else { throw Violation(description: "the last approval assigns the code") }
            try expect(done.state == .completed, "completed")
            try expect(try await store.application(number: application.number) == done, "reads back as returned")
            let dossier = try await store.dossier(code)
            try expect(dossier?.entity.name == application.form!.market.name && dossier?.licenses.count == 1 && dossier?.tax?.headcount == 12
                       && dossier?.statistics?.mainActivity == "互联网信息服务" && dossier?.names.count == 1, "the dossier is whole: \(String(describing: dossier))")
            try expect(dossier?.tax?.taxAuthority == "国家税务总局长沙市岳麓区税务局", "tax office from the authority")
            let page = try await store.search(try SearchQuery(text: "云图湾"))
            try expect(page.hits.map(\.code) == [code], "searchable at once")
            let changes = try await store.changes(after: 0, limit: 10)
            try expect(changes.map(\.code) == [code] && changes.first?.change == "registered", "one change-feed entry: \(changes)")
            let fed = try changes.first.map { try JSONDecoder().decode(EntityDossier.self, from: Data($0.newValues.utf8)) }
            try expect(fed == dossier, "the change feed holds the registered dossier")
            let actions = try await store.auditEntries(after: 0, limit: 10).map(\.action)
            try expect(actions == ["application.accept.establishment", "application.approve.statistics", "application.approve.market",
                                   "application.approve.tax", "registration.establishment"], "audited: \(actions)")
        },
        Case(name: "refused review transitions write nothing") { store in
            let application = try await submit(store)
            try await review(store, application.number, ContractFixtures.review(.market))
            for (attempt, expected) in [
                (ContractFixtures.review(.market), ApplicationError.alreadyReviewed(number: application.number, department: .market, version: 1)),
                (ContractFixtures.review(.tax, version: 2), .staleVersion(number: application.number, given: 2, current: 1)),
            ] {
                do {
                    try await review(store, application.number, attempt)
                    try expect(false, "\(attempt) must be refused")
                } catch let error as StoreError {
                    try expect(error == .application(expected), "refused with \(expected), got \(error)")
                }
            }
            do {
                try await review(store, "SQ000", ContractFixtures.review(.tax))
                try expect(false, "an unknown application")
            } catch let error as StoreError {
                try expect(error == .applicationNotFound("SQ000"), "applicationNotFound, got \(error)")
            }
            let read = try await store.application(number: application.number)
            try expect(read?.reviews.count == 1, "one review stored: \(String(describing: read?.reviews))")
            try expect(try await store.auditEntries(after: 0, limit: 10).count == 2, "refusals are not audited as actions")
        },
        Case(name: "a returned application is corrected and reviewed afresh") { store in
            let application = try await submit(store)
            try await review(store, application.number, ContractFixtures.review(.market))
            let returned = try await review(store, application.number, ContractFixtures.review(.tax, .return))
            try expect(returned.state == .returned, "returned")
            var corrected = application.form!
            corrected.tax.headcount = 20
            let later = ContractFixtures.instant.adding(milliseconds: 86_400_000)
            guard case .fresh(let resubmitted) = try await store.correctApplication(
                number: application.number, request: .establishment(corrected), at: later, deadline: ContractFixtures.day.adding(days: 5),
                actor: ContractFixtures.actor, idempotency: nil) else { throw Violation(description: "fresh") }
            try expect(resubmitted.version == 2 && resubmitted.state == .underReview && resubmitted.form?.tax.headcount == 20, "version 2")
            for department in Department.allCases { try await review(store, application.number, ContractFixtures.review(department, version: 2)) }
            let done = try await store.application(number: application.number)
            try expect(done?.state == .completed && done?.reviews.count == 5, "completed after the second round: \(String(describing: done))")
            if let code = done?.code { try expect(try await store.dossier(code)?.tax?.headcount == 20, "the corrected form is registered") }
        },
        Case(name: "an idempotency key stores one application and replays its reply") { store in
            let key = IdempotencyKey(scope: "clerk POST /v1/applications", key: "k-1", fingerprint: "f1")
            let render: @Sendable (Application) throws -> RecordedReply = { RecordedReply(status: 201, body: Array($0.number.utf8), location: nil) }
            guard case .fresh(let first) = try await store.submitApplication(ContractFixtures.application(), actor: ContractFixtures.actor,
                                                                             idempotency: Idempotent(key: key, render: render)) else {
                throw Violation(description: "the first call runs")
            }
            guard case .replayed(let reply) = try await store.submitApplication(ContractFixtures.application(), actor: ContractFixtures.actor,
                                                                                idempotency: Idempotent(key: key, render: render)) else {
                throw Violation(description: "the retry replays")
            }
            try expect(reply == RecordedReply(status: 201, body: Array(first.number.utf8), location: nil), "the first reply")
            try expect(try await store.recordedReply(key) == reply, "readable ahead of the write")
            try expect(try await store.applications(state: nil, after: nil, limit: 10).count == 1, "stored once")
            do {
                _ = try await store.submitApplication(ContractFixtures.application(), actor: ContractFixtures.actor,
                                                      idempotency: Idempotent(key: IdempotencyKey(scope: key.scope, key: "k-1", fingerprint: "f2"), render: render))
                try expect(false, "a reused key with another request is refused")
            } catch let error as StoreError {
                try expect(error == .idempotencyKeyReused("k-1"), "idempotencyKeyReused, got \(error)")
            }
        },
        Case(name: "the completion re-check returns a name taken meanwhile") { store in
            let application = try await submit(store)
            var rival = ContractFixtures.draft(index: 1, name: application.form!.market.name, zihao: "云图湾")
            rival.industry = IndustryCode("6429")!
            _ = try await store.register(rival)
            for department in Department.allCases { try await review(store, application.number, ContractFixtures.review(department)) }
            let read = try await store.application(number: application.number)
            try expect(read?.state == .returned && read?.reviews.last?.reviewer == "system", "returned by the re-check: \(String(describing: read))")
            let count = try await store.entityCount()
            let changes = try await store.changes(after: 0, limit: 10)
            try expect(count == 1 && changes.map(\.change) == ["registered"], "nothing registered but the rival")
        },
        Case(name: "concurrent last approvals of one name: one registers it, the re-check returns the other") { store in
            // Each pair's statistics approvals race: whichever completes second must find the first's entity in its
            // re-check, on any backend and in any interleaving.
            for pair in 0..<4 {
                let form = ContractFixtures.form(name: "长沙\(zihao(40 + pair))网络科技有限公司")
                let numbers = [try await submit(store, form).number, try await submit(store, form).number]
                for number in numbers {
                    try await review(store, number, ContractFixtures.review(.market))
                    try await review(store, number, ContractFixtures.review(.tax))
                }
                let states = try await withThrowingTaskGroup(of: Application.State.self) { group in
                    for number in numbers { group.addTask { try await review(store, number, ContractFixtures.review(.statistics)).state } }
                    return try await group.reduce(into: [Application.State]()) { $0.append($1) }
                }
                try expect(states.sorted { $0.rawValue < $1.rawValue } == [.completed, .returned], "pair \(pair): \(states)")
            }
            try expect(try await store.entityCount() == 4, "one entity per name")
        },
        Case(name: "a reserved name is consumed by the registration") { store in
            let form = ContractFixtures.form(reservationID: "NR-CONTRACT")
            let reservation = NameReservation(
                id: "NR-CONTRACT", name: form.market.name, zihao: "云图湾", industryPhrase: "网络科技", type: .llc, industry: form.market.industry,
                authority: form.market.authority, applicant: "陈思远", reservedOn: ContractFixtures.day,
                expiresOn: ContractFixtures.day.adding(months: 2), needsPreapproval: false, state: .active, stateChangedOn: nil)
            let parsed = EnterpriseNameParser.standard.parse(form.market.name)
            let query = NameCandidateQuery(parsed: parsed, industry: form.market.industry, authority: form.market.authority,
                                           today: ContractFixtures.day, policy: .standard)
            let outcome = try await store.reserveName(reservation, query: query) { _ in NameCheckResult(findings: [], conflicts: [], parse: parsed) }
            try expect(outcome.reservation != nil, "reserved")
            let application = try await submit(store, form)
            for department in Department.allCases { try await review(store, application.number, ContractFixtures.review(department)) }
            try expect(try await store.application(number: application.number)?.state == .completed, "its own reservation does not block it")
            try expect(try await store.nameReservation(id: "NR-CONTRACT")?.state == .consumed, "consumed")
        },
        Case(name: "interleaved reviewers complete 100 applications with distinct codes") { store in
            var numbers: [String] = []
            for index in 0..<100 {
                numbers.append(try await submit(store, ContractFixtures.form(name: "长沙\(zihao(index))网络科技有限公司")).number)
            }
            var reviews = numbers.flatMap { number in Department.allCases.map { (number, $0) } }
            var random = SplitMix64(seed: 2024)
            for index in reviews.indices.reversed() { reviews.swapAt(index, Int(random.next() % UInt64(index + 1))) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for lane in 0..<8 {
                    let mine = reviews.enumerated().filter { $0.offset % 8 == lane }.map(\.element)
                    group.addTask {
                        for (number, department) in mine { try await review(store, number, ContractFixtures.review(department)) }
                    }
                }
                try await group.waitForAll()
            }
            let done = try await store.applications(state: .completed, after: nil, limit: 200)
            let returned = try await store.applications(state: .returned, after: nil, limit: 200)
            try expect(done.count == 100, "all completed: \(done.count); returned: \(returned.map { ($0.request.name, $0.reviews.last?.reasons ?? []) })")
            try expect(Set(done.compactMap(\.code)).count == 100, "codes unique")
            let count = try await store.entityCount()
            let changes = try await store.changes(after: 0, limit: 200)
            try expect(count == 100 && changes.count == 100, "100 entities, 100 feed entries")
        },
        Case(name: "tokens are found by hash and revoked") { store in
            let hash = String(repeating: "ab", count: 32)
            let token = try await store.createToken(label: "窗口1", role: .clerk, secretHash: hash, at: ContractFixtures.instant, actor: ContractFixtures.actor)
            try expect(try await store.accessToken(secretHash: hash) == token, "found by hash")
            try expect(try await store.accessToken(secretHash: String(repeating: "cd", count: 32)) == nil, "unknown hash")
            let revoked = try await store.revokeToken(id: token.id, at: ContractFixtures.instant, actor: ContractFixtures.actor)
            let reread = try await store.accessToken(secretHash: hash)
            try expect(revoked.revokedAt == ContractFixtures.instant && reread?.revokedAt != nil, "revoked")
            try expect(try await store.accessTokens().count == 1, "listed")
            do {
                _ = try await store.revokeToken(id: 999, at: ContractFixtures.instant, actor: ContractFixtures.actor)
                try expect(false, "unknown token")
            } catch let error as StoreError {
                try expect(error == .tokenNotFound(999), "tokenNotFound, got \(error)")
            }
        },
    ]

    /// A distinct two-character 字号 for index 0..<400 that is not a region or industry word.
    static func zihao(_ index: Int) -> String {
        let first = Array("甲乙丙丁戊己庚辛壬癸春夏秋冬梅兰竹菊松柏")
        let second = Array("云霞虹岚韵泉峰岩林苑")
        return String(first[index % first.count]) + String(second[index / first.count % second.count])
    }
}
