import RegistryCore
import Testing

@Suite struct WorkingCalendarTests {
    static func day(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test(arguments: [
        // received, expected deadline (3 working days, the day of receipt not counted)
        ("2026-11-23", "2026-11-26"),  // Monday → Thursday
        ("2026-11-27", "2026-12-02"),  // Friday → Wednesday
        ("2026-11-28", "2026-12-02"),  // Saturday → Wednesday
        ("2026-11-29", "2026-12-02"),  // Sunday → Wednesday
    ])
    func skipsWeekends(received: String, due: String) {
        #expect(WorkingCalendar().adding(workingDays: 3, to: Self.day(received)) == Self.day(due))
    }

    @Test func skipsHolidaysAndCountsMakeUpDays() throws {
        // 2026 National Day: 10-01..10-07 off, Saturday 10-10 worked (a make-up day).
        let file = """
            # 2026 国庆节
            2026-10-01
            2026-10-02
            2026-10-05
            2026-10-06
            2026-10-07
            +2026-10-10   # 调休上班
            """
        let calendar = try WorkingCalendar.parse(file).get()
        #expect(calendar.adding(workingDays: 3, to: Self.day("2026-09-30")) == Self.day("2026-10-10"))
        #expect(calendar.adding(workingDays: 1, to: Self.day("2026-10-09")) == Self.day("2026-10-10"))
        #expect(!calendar.isWorkingDay(Self.day("2026-10-05")))
        #expect(calendar.isWorkingDay(Self.day("2026-10-10")))
    }

    @Test func namesBadLines() {
        guard case .failure(let error) = WorkingCalendar.parse("2026-10-01\nnot a date\n+2026-13-01\n") else {
            Issue.record("bad lines accepted")
            return
        }
        #expect(error.lines == [2, 3])
    }

    @Test func instantsFormatAndParse() throws {
        let instant = Instant(millisecondsSinceEpoch: 1_795_755_449_123)
        #expect(instant.description == "2026-11-27T04:57:29.123Z")
        #expect(Instant(iso: instant.description) == instant)
        #expect(instant.chinaDay == Self.day("2026-11-27"))  // 12:57 in Changsha
        #expect(Instant(iso: "2026-11-27T16:00:00Z")?.chinaDay == Self.day("2026-11-28"))  // midnight in Changsha
        #expect(Instant(iso: "2026-11-27T00:00:00Z")?.millisecondsSinceEpoch == 1_795_737_600_000)
        #expect(Instant(iso: "2026-11-27 00:00:00Z") == nil)
        // The next China midnight: 16:00Z of the same UTC day, or of the next once it has passed.
        #expect(instant.startOfNextChinaDay == Instant(iso: "2026-11-27T16:00:00Z"))
        #expect(Instant(iso: "2026-11-27T15:59:59.999Z")?.startOfNextChinaDay == Instant(iso: "2026-11-27T16:00:00Z"))
        #expect(Instant(iso: "2026-11-27T16:00:00Z")?.startOfNextChinaDay == Instant(iso: "2026-11-28T16:00:00Z"))
    }
}
