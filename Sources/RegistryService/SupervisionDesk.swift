import RegistryCore
import RegistryStore

/// Electronic supervision (电子监察): deadlines and statistics of the unified applications.
public struct SupervisionDesk<Store: RegistryStore>: Sendable {
    /// The registry.
    public let store: Store
    /// Working days.
    public let calendar: WorkingCalendar
    /// The clock.
    public let now: @Sendable () -> Instant

    /// Creates the desk.
    public init(store: Store, calendar: WorkingCalendar, now: @escaping @Sendable () -> Instant) {
        self.store = store
        self.calendar = calendar
        self.now = now
    }

    /// One application past or near its deadline.
    public struct DueCase: Codable, Sendable, Hashable {
        public let number: String
        public let name: String
        public let authority: String
        public let deadline: String
        /// Working days past the deadline (0 when due today or later).
        public let workingDaysOverdue: Int
        /// Departments that have not decided on the current version.
        public let pending: [String]
        public let receivedAt: String
    }

    /// Applications under review past their deadline, most overdue first.
    public func overdue(limit: Int) async throws(StoreError) -> [DueCase] {
        let today = now().chinaDay
        return try await store.applicationsDue(through: today.adding(days: -1), limit: limit).map { due($0, today: today) }
    }

    /// Applications under review due from today through `workingDays` working days ahead.
    public func dueSoon(workingDays: Int, limit: Int) async throws(StoreError) -> [DueCase] {
        let today = now().chinaDay
        let horizon = calendar.adding(workingDays: workingDays, to: today)
        return try await store.applicationsDue(through: horizon, limit: limit + 10_000)
            .filter { $0.deadline >= today }.prefix(limit).map { due($0, today: today) }
    }

    /// Statistics for `from`…`to` (inclusive China days).
    public func statistics(from: CalendarDate, to: CalendarDate) async throws(StoreError) -> SupervisionReport {
        SupervisionReport(try await store.supervisionFacts(from: Instant(day: from), to: Instant(day: to.adding(days: 1))), from: from, to: to)
    }

    func due(_ application: Application, today: CalendarDate) -> DueCase {
        var overdue = 0
        var day = application.deadline
        while day < today {
            day = day.adding(days: 1)
            if calendar.isWorkingDay(day) { overdue += 1 }
        }
        let decided = Set(application.currentReviews.map(\.department))
        return DueCase(number: application.number, name: application.request.name, authority: application.request.authority.description,
                       deadline: application.deadline.description, workingDaysOverdue: overdue,
                       pending: Department.allCases.filter { !decided.contains($0) }.map(\.rawValue),
                       receivedAt: application.receivedAt.description)
    }
}
