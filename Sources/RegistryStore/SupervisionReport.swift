import RegistryCore

/// Supervision statistics for a period (限时办结, 电子监察; SPEC §4): received, completed, returned, completion rate
/// (办结率), on-time completions and processing-time percentiles, overall and by department.
public struct SupervisionReport: Sendable, Hashable, Codable {
    /// Percentiles of durations, in hours.
    public struct Percentiles: Sendable, Hashable, Codable {
        public var p50: Double
        public var p95: Double
    }

    /// One department's decisions in the period.
    public struct DepartmentFigures: Sendable, Hashable, Codable {
        public var department: String
        /// Decisions made.
        public var decided: Int
        public var approved: Int
        public var returned: Int
        /// Hours from the version's submission to the decision; nil without decisions.
        public var reviewHours: Percentiles?
    }

    /// First day (China time).
    public var from: String
    /// Last day, inclusive.
    public var to: String
    /// Applications accepted in the period.
    public var received: Int
    /// Applications completed in the period.
    public var completed: Int
    /// Applications returned at least once in the period.
    public var returned: Int
    /// completed / received (办结率); nil when nothing was received.
    public var completionRate: Double?
    /// Completed in the period on or before their deadline.
    public var completedOnTime: Int
    /// Hours from acceptance to completion, for the period's completions; nil without any.
    public var processingHours: Percentiles?
    /// By department.
    public var departments: [DepartmentFigures]

    /// The report of `facts` for `from`…`to`.
    public init(_ facts: SupervisionFacts, from: CalendarDate, to: CalendarDate) {
        let start = Instant(day: from), end = Instant(day: to.adding(days: 1))
        func inPeriod(_ instant: Instant) -> Bool { instant >= start && instant < end }
        func hours(_ a: Instant, _ b: Instant) -> Double { Double(b.millisecondsSinceEpoch - a.millisecondsSinceEpoch) / 3_600_000 }
        self.from = from.description
        self.to = to.description
        received = facts.cases.filter { inPeriod($0.receivedAt) }.count
        let done = facts.cases.filter { $0.completedAt.map(inPeriod) == true }
        completed = done.count
        completedOnTime = done.filter { $0.completedAt!.chinaDay <= $0.deadline }.count
        completionRate = received == 0 ? nil : Double(completed) / Double(received)
        processingHours = Self.percentiles(done.map { hours($0.receivedAt, $0.completedAt!) })
        returned = Set(facts.decisions.filter { $0.decision == .return }.map(\.number)).count
        departments = Department.allCases.map { department in
            let mine = facts.decisions.filter { $0.department == department && $0.reviewer != "system" }
            return DepartmentFigures(department: department.rawValue, decided: mine.count,
                                     approved: mine.filter { $0.decision == .approve }.count,
                                     returned: mine.filter { $0.decision == .return }.count,
                                     reviewHours: Self.percentiles(mine.map { hours($0.submittedAt, $0.at) }))
        }
    }

    /// Nearest-rank percentiles; nil for no values.
    static func percentiles(_ values: [Double]) -> Percentiles? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        func rank(_ p: Double) -> Double { sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
        return Percentiles(p50: rank(0.5), p95: rank(0.95))
    }
}
