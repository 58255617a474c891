/// A point in time, in milliseconds since 1970-01-01T00:00:00Z. Core never reads the clock: instants come
/// from the edge.
public struct Instant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch.
    public let millisecondsSinceEpoch: Int64

    /// Creates an instant.
    public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

    /// Midnight in China at the start of `day`.
    public init(day: CalendarDate) {
        millisecondsSinceEpoch = Int64(day.daysSinceEpoch) * 86_400_000 - 8 * 3_600_000
    }

    /// The civil date in China (UTC+8, no daylight saving) at this instant.
    public var chinaDay: CalendarDate {
        let shifted = millisecondsSinceEpoch + 8 * 3_600_000
        let days = shifted >= 0 ? shifted / 86_400_000 : (shifted - 86_399_999) / 86_400_000
        return CalendarDate(daysSinceEpoch: Int(days))
    }

    /// Midnight in China at the start of the next China day (`chinaDay` plus one): when day-based states such as the
    /// end of a 歇业 period next change.
    public var startOfNextChinaDay: Instant { Instant(day: chinaDay.adding(days: 1)) }

    /// RFC 3339 in UTC with milliseconds: `2026-11-27T04:47:29.123Z`.
    public var description: String {
        let ms = millisecondsSinceEpoch
        let days = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        let rest = ms - days * 86_400_000
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(CalendarDate(daysSinceEpoch: Int(days)))T\(pad(rest / 3_600_000, 2)):\(pad(rest / 60_000 % 60, 2)):"
            + "\(pad(rest / 1_000 % 60, 2)).\(pad(rest % 1_000, 3))Z"
    }

    /// Parses the `description` format (and without milliseconds), reading the UTF-8 bytes directly (instants
    /// are parsed for every stored row that holds one).
    public init?(iso text: String) {
        var text = text
        guard let value = text.withUTF8({ Self.parse($0) }) else { return nil }
        millisecondsSinceEpoch = value
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 20 || bytes.count == 24, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
              bytes[16] == 0x3A, bytes[bytes.count - 1] == 0x5A else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let date = CalendarDate(year: year, month: month, day: day),
              let hours = number(11..<13), let minutes = number(14..<16), let seconds = number(17..<19),
              hours < 24, minutes < 60, seconds < 60 else { return nil }
        var milliseconds = 0
        if bytes.count == 24 {
            guard bytes[19] == 0x2E, let value = number(20..<23) else { return nil }
            milliseconds = value
        }
        return Int64(date.daysSinceEpoch) * 86_400_000 + Int64((hours * 60 + minutes) * 60 + seconds) * 1_000 + Int64(milliseconds)
    }

    /// `count` milliseconds later.
    public func adding(milliseconds count: Int64) -> Instant { Instant(millisecondsSinceEpoch: millisecondsSinceEpoch + count) }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let instant = Instant(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "“\(text)” is not an RFC 3339 UTC time")
        }
        self = instant
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
