import Foundation
import RegistryCore

/// The wall clock, read only at the edge: today's civil date in China (UTC+8, no daylight saving).
enum RegistryClock {
    /// The current instant.
    static func now(_ date: Date = Date()) -> Instant {
        Instant(millisecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1_000).rounded(.down)))
    }

    static func today(now: Date = Date()) -> CalendarDate {
        let seconds = Int(now.timeIntervalSince1970.rounded(.down)) + 8 * 3_600
        return CalendarDate(daysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }
}
