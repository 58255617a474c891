import RegistryCore

/// The keys a backend finds candidate names by (`domain/names.md` §8): everything in the authority whose
/// 字号 equals, sounds like, contains or is contained in the proposed one, or whose name is the same.
public struct NameCandidateQuery: Sendable, Hashable {
    /// The registering authority (conflicts are judged within it).
    public var authority: RegionCode
    /// The proposed name in search form (`SearchText.normalize`).
    public var nameKey: String
    /// The proposed 字号 and its substrings of two or more characters, in search form.
    public var zihaoKeys: [String]
    /// The 字号's toneless pinyin.
    public var pinyin: String
    /// The 字号 in search form: existing 字号 containing it are candidates.
    public var contained: String
    /// Names that stopped being used before this day no longer count (today minus the cooldown).
    public var endedSince: CalendarDate
    /// Today, for reservations' expiry.
    public var today: CalendarDate

    /// The query for a parsed name.
    public init(parsed: ParsedName, authority: RegionCode, today: CalendarDate, policy: NameCheckPolicy, han: HanTables = .standard) {
        let zihao = SearchText.normalize(parsed.zihao, tables: han)
        var keys = [zihao]
        let characters = Array(zihao)
        if characters.count > 2 {
            for length in 2..<characters.count {
                for start in 0...(characters.count - length) { keys.append(String(characters[start..<(start + length)])) }
            }
        }
        self.authority = authority
        self.nameKey = SearchText.normalize(parsed.normalized, tables: han)
        self.zihaoKeys = Array(Set(keys)).sorted()
        self.pinyin = han.pinyinKey(zihao)
        self.contained = zihao
        self.endedSince = today.adding(months: -policy.cooldownMonths)
        self.today = today
    }
}

/// The result of a check-and-reserve: the check, and the reservation when the name was free.
public struct NameReservationOutcome: Sendable, Hashable {
    /// The check made inside the reserving transaction.
    public var check: NameCheckResult
    /// The reservation, nil when the verdict did not allow one.
    public var reservation: NameReservation?

    /// Creates an outcome.
    public init(check: NameCheckResult, reservation: NameReservation?) {
        self.check = check
        self.reservation = reservation
    }
}
