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

    @Test func aListingOnTheAbnormalOperationsListExcludesOnlyTheSimplifiedProcedure() {
        let listing = AbnormalListing(id: 1, code: Self.entity.code, reason: .annualReportMissing, documentNumber: "长市监异〔2026〕1号",
                                      listedOn: Self.today.adding(days: -40), listedBy: "clerk", removal: nil)
        func dereg(_ input: DeregistrationInput, _ listings: [AbnormalListing]) -> [FormError] {
            switch ApplicationInput(deregistration: input).validate(today: Self.today, entity: Self.entity, reservation: .none,
                                                                      standing: EntityStanding(abnormalListings: listings)) {
            case .success: []
            case .failure(let failure): failure.errors
            }
        }
        let code = Self.entity.code.rawValue
        let simplified = DeregistrationInput(code: code, mode: "simplified", reason: "未开业", noticeFrom: "2026-11-01", investorsCommitment: true)
        let refused = dereg(simplified, [listing])
        #expect(refused.map(\.code) == ["not-allowed"] && refused.first?.message.contains("经营异常名录 since 2026-10-18") == true, "\(refused)")
        var ended = listing
        ended.removal = .init(documentNumber: "长市监异〔2026〕2号", removedOn: Self.today.adding(days: -1), reason: "已补报", recordedBy: "clerk")
        #expect(dereg(simplified, [ended]).isEmpty, "an ended listing does not exclude it")
        #expect(dereg(.init(code: code, mode: "ordinary", reason: "股东会决议解散", taxCleared: true), [listing]).isEmpty, "the ordinary procedure stays open")
    }

    @Test func aRecordedNoticeIsTheOneThatCounts() {
        func dereg(_ noticeFrom: String?, _ notice: DeregistrationNotice) -> [String] {
            let input = DeregistrationInput(code: Self.entity.code.rawValue, mode: "simplified", reason: "未开业", noticeFrom: noticeFrom,
                                            investorsCommitment: true)
            switch ApplicationInput(deregistration: input).validate(today: Self.today, entity: Self.entity, reservation: .none,
                                                                      standing: EntityStanding(deregistrationNotice: notice)) {
            case .success: return []
            case .failure(let failure): return failure.errors.map { "\($0.field) \($0.code)" }
            }
        }
        let notice = DeregistrationNotice(id: 1, code: Self.entity.code, from: CalendarDate(iso: "2026-11-01")!, filedBy: "clerk", objection: nil)
        #expect(dereg(nil, notice).isEmpty, "the recorded notice's first day is used")
        #expect(dereg("2026-11-01", notice).isEmpty)
        #expect(dereg("2026-11-02", notice) == ["/deregistration/noticeFrom mismatch"])
        var running = notice
        running.from = CalendarDate(iso: "2026-11-20")!
        #expect(dereg(nil, running) == ["/deregistration/noticeFrom too-early"])
        var objected = notice
        objected.objection = .init(party: "长沙市岳麓区税务局", reason: "尚有欠税", objectedOn: CalendarDate(iso: "2026-11-05")!, recordedBy: "tax")
        #expect(dereg(nil, objected) == ["/deregistration/noticeFrom objected"])
    }

    @Test func listingsAndRemovalsAreValidatedWithEveryErrorAtOnce() {
        let code = Self.entity.code
        guard case .failure(let errors) = AbnormalListing.Request.validate(code: code, reason: "late", documentNumber: "1", listedOn: "2026-12-30",
                                                                          today: Self.today) else { Issue.record("refused"); return }
        #expect(errors.errors.map { "\($0.field) \($0.code)" } == ["/reason invalid", "/documentNumber too-short", "/listedOn in-future"])
        let valid = AbnormalListing.Request.validate(code: code, reason: "name-not-corrected", documentNumber: " 长市监异〔2026〕8号 ", listedOn: "2026-11-02",
                                                     today: Self.today)
        #expect((try? valid.get())?.documentNumber == "长市监异〔2026〕8号" && (try? valid.get())?.reason == .nameNotCorrected)
        guard case .failure(let removal) = AbnormalListing.validateRemoval(documentNumber: nil, removedOn: "11-02", reason: nil, recordedBy: "m",
                                                                          today: Self.today) else { Issue.record("refused"); return }
        #expect(removal.errors.map { "\($0.field) \($0.code)" } == ["/documentNumber required", "/removedOn invalid", "/reason required"])
    }
}
