import RegistryCore
import Testing

/// 歇业, 恢复营业 and 清算组备案 at acceptance (`domain/process.md` §4, §7), and deregistering from 清算.
@Suite struct StatusFilingFormTests {
    static let today = ChangeAndDeregistrationFormTests.today
    static let entity = ChangeAndDeregistrationFormTests.entity
    static let code = entity.code.rawValue

    static func errors(_ action: StatusFiling.Action, _ input: StatusFilingInput, entity: MarketEntity? = entity) -> [String] {
        ChangeAndDeregistrationFormTests.errors(ApplicationInput(action, input), entity: entity).map { "\($0.field) \($0.code)" }
    }

    static func suspended(from start: CalendarDate, until: CalendarDate) -> MarketEntity {
        var entity = entity
        entity.status = .suspended
        entity.statusChangedOn = start
        entity.suspendedUntil = until
        return entity
    }

    @Test func aSuspensionRunsAtMostThreeYears() throws {
        let valid = ApplicationInput(.suspension, StatusFilingInput(code: Self.code, reason: "经营困难", until: "2027-11-26"))
        guard case .statusFiling(let filing) = try valid.validate(today: Self.today, entity: Self.entity, reservation: .none).get() else {
            Issue.record("not a status filing")
            return
        }
        #expect(filing.kind == .suspension && filing.suspendedUntil == CalendarDate(year: 2027, month: 11, day: 26) && filing.resultingStatus == .suspended)
        #expect(Self.errors(.suspension, .init(code: Self.code, reason: "经营困难", until: "2029-11-26")).isEmpty)  // three years, to the day
        #expect(Self.errors(.suspension, .init(code: Self.code, reason: "经营困难", until: "2029-11-27")) == ["/suspension/until too-long"])
        #expect(Self.errors(.suspension, .init(code: Self.code, reason: "经营困难", until: "2026-11-27")) == ["/suspension/until invalid"])
        #expect(Self.errors(.suspension, .init(code: Self.code, reason: "经营困难")) == ["/suspension/until required"])
        #expect(Self.errors(.suspension, .init(code: Self.code, reason: "经营困难", until: "明年")) == ["/suspension/until invalid"])
        #expect(Self.errors(.suspension, .init(code: Self.code, reason: nil, until: "2027-01-01")) == ["/suspension/reason required"])
        var closed = Self.entity
        closed.status = .deregistered
        #expect(Self.errors(.suspension, .init(code: Self.code, reason: "经营困难", until: "2027-01-01"), entity: closed) == ["/suspension/code wrong-status"])
        #expect(Self.errors(.suspension, .init(code: Self.code, reason: "经营困难", until: "2027-01-01"), entity: nil) == ["/suspension/code not-found"])
        var bare = ApplicationInput(.suspension, StatusFilingInput(code: Self.code, reason: nil))
        bare.suspension = nil
        let noPart = ChangeAndDeregistrationFormTests.errors(bare, entity: Self.entity)
        #expect(noPart.map(\.field) == ["/suspension"])
    }

    @Test func anExtensionIsFiledInTheLastThirtyDaysAndKeepsTheFirstDay() {
        let start = CalendarDate(year: 2024, month: 12, day: 20)!
        let ending = Self.suspended(from: start, until: CalendarDate(year: 2026, month: 12, day: 20)!)  // 24 days left: in the window
        #expect(Self.errors(.suspension, .init(code: Self.code, reason: "延期", until: "2027-12-19"), entity: ending).isEmpty)
        #expect(Self.errors(.suspension, .init(code: Self.code, reason: "延期", until: "2027-12-20"), entity: ending) == ["/suspension/until too-long"])
        #expect(Self.errors(.suspension, .init(code: Self.code, reason: "延期", until: "2026-12-20"), entity: ending) == ["/suspension/until invalid"])
        let early = Self.suspended(from: start, until: CalendarDate(year: 2027, month: 1, day: 31)!)
        #expect(Self.errors(.suspension, .init(code: Self.code, reason: "延期", until: "2027-06-30"), entity: early) == ["/suspension/code too-early"])
    }

    @Test func onlyASuspendedEntityResumes() {
        let suspended = Self.suspended(from: CalendarDate(year: 2026, month: 1, day: 5)!, until: CalendarDate(year: 2027, month: 1, day: 4)!)
        #expect(Self.errors(.resumption, .init(code: Self.code, reason: "恢复营业"), entity: suspended).isEmpty)
        #expect(Self.errors(.resumption, .init(code: Self.code, reason: "恢复营业")) == ["/resumption/code wrong-status"])
    }

    @Test func aLiquidationGroupNamesItsMembersAndHead() throws {
        let group = StatusFilingInput(code: Self.code, reason: "股东会决议解散", formedOn: "2026-11-20", head: "陈思远", members: ["陈思远", "李敏"])
        #expect(Self.errors(.liquidation, group).isEmpty)
        var revoked = Self.entity
        revoked.status = .revoked
        #expect(Self.errors(.liquidation, group, entity: revoked).isEmpty)
        var other = group
        other.head = "王五"
        #expect(Self.errors(.liquidation, other) == ["/liquidation/head mismatch"])
        other = group
        other.members = ["陈思远", "陈思远"]
        #expect(Self.errors(.liquidation, other) == ["/liquidation/members/1 duplicate"])
        other = group
        other.members = []
        #expect(Self.errors(.liquidation, other) == ["/liquidation/members invalid"])
        other = group
        other.formedOn = "2026-12-01"
        #expect(Self.errors(.liquidation, other) == ["/liquidation/formedOn invalid"])
        #expect(Self.errors(.liquidation, .init(code: Self.code, reason: "解散")) == [
            "/liquidation/formedOn required", "/liquidation/members required", "/liquidation/head required"])
        var liquidating = Self.entity
        liquidating.status = .liquidating
        #expect(Self.errors(.liquidation, group, entity: liquidating) == ["/liquidation/code wrong-status"])
    }

    @Test func anEntityInLiquidationDeregistersAfterItsLiquidationEnds() {
        var liquidating = Self.entity
        liquidating.status = .liquidating
        liquidating.statusChangedOn = CalendarDate(year: 2026, month: 9, day: 1)
        func dereg(_ input: DeregistrationInput) -> [String] {
            ChangeAndDeregistrationFormTests.errors(ApplicationInput(deregistration: input), entity: liquidating).map { "\($0.field) \($0.code)" }
        }
        #expect(dereg(.init(code: Self.code, mode: "ordinary", reason: "清算结束", liquidationEndedOn: "2026-11-20", taxCleared: true)).isEmpty)
        #expect(dereg(.init(code: Self.code, mode: "ordinary", reason: "清算结束", taxCleared: true)) == ["/deregistration/liquidationEndedOn required"])
        #expect(dereg(.init(code: Self.code, mode: "ordinary", reason: "清算结束", liquidationEndedOn: "2026-08-31", taxCleared: true))
                == ["/deregistration/liquidationEndedOn invalid"])
        #expect(dereg(.init(code: Self.code, mode: "simplified", reason: "未开业", noticeFrom: "2026-11-01", investorsCommitment: true))
                == ["/deregistration/mode not-allowed"])
    }
}
