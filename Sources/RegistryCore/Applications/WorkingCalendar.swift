/// Working days for statutory time limits (限时办结): weekends and public holidays are skipped, and official
/// make-up working days (调休, a Saturday or Sunday declared a working day) count (`domain/process.md` §4).
public struct WorkingCalendar: Sendable, Hashable {
    /// Public holidays that fall on weekdays.
    public var holidays: Set<CalendarDate>
    /// Weekend days declared working days.
    public var extraWorkingDays: Set<CalendarDate>

    /// Creates a calendar.
    public init(holidays: Set<CalendarDate> = [], extraWorkingDays: Set<CalendarDate> = []) {
        self.holidays = holidays
        self.extraWorkingDays = extraWorkingDays
    }

    /// Whether `day` is a working day.
    public func isWorkingDay(_ day: CalendarDate) -> Bool {
        if extraWorkingDays.contains(day) { return true }
        if holidays.contains(day) { return false }
        return day.weekday >= 1 && day.weekday <= 5
    }

    /// The `count`-th working day after `day` (the day of receipt does not count): an application received on
    /// Friday with a limit of 3 working days is due on Wednesday.
    public func adding(workingDays count: Int, to day: CalendarDate) -> CalendarDate {
        var current = day
        var remaining = count
        while remaining > 0 {
            current = current.adding(days: 1)
            if isWorkingDay(current) { remaining -= 1 }
        }
        return current
    }

    /// Parses a calendar file: one ISO date per line, `+` prefix for a make-up working day; `#` starts a
    /// comment. Returns the line numbers that could not be read.
    public static func parse(_ text: String) -> Result<WorkingCalendar, CalendarFileError> {
        var calendar = WorkingCalendar()
        var bad: [Int] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = content.trimmingPrefixAndSuffix(while: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if trimmed.isEmpty { continue }
            let working = trimmed.hasPrefix("+")
            guard let date = CalendarDate(iso: working ? trimmed.dropFirst() : trimmed) else { bad.append(index + 1); continue }
            if working { calendar.extraWorkingDays.insert(date) } else { calendar.holidays.insert(date) }
        }
        return bad.isEmpty ? .success(calendar) : .failure(CalendarFileError(lines: bad))
    }
}

/// Lines of a calendar file that are not dates.
public struct CalendarFileError: Error, Sendable, Hashable {
    /// 1-based line numbers.
    public var lines: [Int]
}
