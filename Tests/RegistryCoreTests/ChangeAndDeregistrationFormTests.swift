import RegistryCore
import Testing

@Suite struct ChangeAndDeregistrationFormTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 27)!
    static let entity = MarketEntity(
        code: try! CreditCode(validating: "91430104MA0000007J"), name: "长沙云图湾网络科技有限公司",
        nameParts: NameParts(region: "长沙", zihao: "云图湾", industry: "网络科技", form: "有限公司"), type: .llc, status: .active,
        authority: RegionCode(value: 430_104)!, domicile: "湖南省长沙市岳麓区麓谷大道627号",
        legalRepresentative: Person(name: "陈思远", idNumber: ResidentID.synthetic(region: 430104, birth: CalendarDate(year: 1986, month: 3, day: 14)!, sequence: 11)),
        registeredCapitalYuan: 1_000_000, businessScope: "软件开发", industry: IndustryCode("6513")!, establishedOn: CalendarDate(year: 2024, month: 3, day: 1)!)

    static func errors(_ input: ApplicationInput, entity: MarketEntity? = entity) -> [FormError] {
        switch input.validate(today: today, entity: entity, reservation: .none) {
        case .success: []
        case .failure(let failure): failure.errors
        }
    }

    @Test func changesNameOnlyWhatChanges() throws {
        let valid = ApplicationInput(change: ChangeInput(code: Self.entity.code.rawValue, domicile: "湖南省长沙市岳麓区枫林三路1号"))
        guard case .change(let form) = try valid.validate(today: Self.today, entity: Self.entity, reservation: .none).get() else {
            Issue.record("not a change")
            return
        }
        #expect(form.changedItems == ["domicile"])
        #expect(Self.errors(ApplicationInput(change: ChangeInput(code: Self.entity.code.rawValue))).map(\.field) == ["/change"])
        let same = ApplicationInput(change: ChangeInput(code: Self.entity.code.rawValue, domicile: Self.entity.domicile, businessScope: "软件开发"))
        #expect(Self.errors(same).map(\.code) == ["unchanged", "unchanged"])
        #expect(Self.errors(valid, entity: nil).map(\.code) == ["not-found"])
        var closed = Self.entity
        closed.status = .deregistered
        #expect(Self.errors(valid, entity: closed).map(\.code) == ["wrong-status"])
    }

    @Test func capitalReductionWaitsForItsNotice() {
        func reduce(_ noticeFrom: String?) -> [String] {
            Self.errors(ApplicationInput(change: ChangeInput(code: Self.entity.code.rawValue, registeredCapitalYuan: 500_000,
                                                             capitalReductionNoticeFrom: noticeFrom))).map(\.code)
        }
        #expect(reduce(nil) == ["required"])
        #expect(reduce("2026-11-01") == ["too-early"])  // 45 days from 11-01 end 12-15
        #expect(reduce("2026-10-13").isEmpty)
        #expect(Self.errors(ApplicationInput(change: ChangeInput(code: Self.entity.code.rawValue, registeredCapitalYuan: 3_000_000))).isEmpty)
    }

    @Test func anIndividualsOperatorCannotChange() {
        var shop = Self.entity
        shop.type = .individual
        shop.registeredCapitalYuan = nil
        let input = ApplicationInput(change: ChangeInput(code: shop.code.rawValue, legalRepresentative: .init(
            name: "王五", idNumber: ResidentID.synthetic(region: 430104, birth: CalendarDate(year: 1990, month: 1, day: 1)!, sequence: 3))))
        #expect(Self.errors(input, entity: shop).map(\.code) == ["not-allowed"])
    }

    @Test func deregistrationRules() {
        func dereg(_ input: DeregistrationInput, entity: MarketEntity = Self.entity) -> [String] {
            Self.errors(ApplicationInput(deregistration: input), entity: entity).map { "\($0.field) \($0.code)" }
        }
        let code = Self.entity.code.rawValue
        #expect(dereg(.init(code: code, mode: "ordinary", reason: "股东会决议解散", taxCleared: true)).isEmpty)
        #expect(dereg(.init(code: code, mode: "ordinary", reason: "股东会决议解散")) == ["/deregistration/taxCleared required"])
        // Simplified: after the 20-day notice (11-01..11-20), within the next 20 days.
        #expect(dereg(.init(code: code, mode: "simplified", reason: "未开业", noticeFrom: "2026-11-01", investorsCommitment: true)).isEmpty)
        #expect(dereg(.init(code: code, mode: "simplified", reason: "未开业", noticeFrom: "2026-11-10", investorsCommitment: true))
                == ["/deregistration/noticeFrom too-early"])
        #expect(dereg(.init(code: code, mode: "simplified", reason: "未开业", noticeFrom: "2026-10-01", investorsCommitment: true))
                == ["/deregistration/noticeFrom too-late"])
        #expect(dereg(.init(code: code, mode: "simplified", reason: "未开业", noticeFrom: "2026-11-01"))
                == ["/deregistration/investorsCommitment required"])
        var revoked = Self.entity
        revoked.status = .revoked
        #expect(dereg(.init(code: code, mode: "simplified", reason: "吊销", noticeFrom: "2026-11-01", investorsCommitment: true), entity: revoked)
                == ["/deregistration/mode not-allowed"])
        #expect(dereg(.init(code: code, mode: "ordinary", reason: "吊销后清算", taxCleared: true), entity: revoked).isEmpty)
        var shop = Self.entity
        shop.type = .individual
        #expect(dereg(.init(code: code, mode: "simplified", reason: "不再经营", investorsCommitment: true), entity: shop).isEmpty)
        #expect(dereg(.init(code: code, mode: "sometime", reason: "x")).contains("/deregistration/mode invalid"))
    }
}
