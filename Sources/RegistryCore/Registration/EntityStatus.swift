/// The registration status of a market entity (登记状态).
public enum EntityStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// 存续 — registered and in existence.
    case active
    /// 歇业 — suspended by a filing for a period of at most three years (条例 第30条); still registered.
    case suspended
    /// 清算 — its liquidation group is formed and filed (条例 第32条); still registered until 注销.
    case liquidating
    /// 注销 — deregistered.
    case deregistered
    /// 吊销 — business license revoked.
    case revoked
    /// 迁出 — moved to another registration authority.
    case movedOut = "moved-out"
    /// 撤销 — registration cancelled (撤销登记).
    case cancelled

    /// The Chinese display value, as stored in `entities.status`.
    public var display: String {
        switch self {
        case .active: "存续"
        case .suspended: "歇业"
        case .liquidating: "清算"
        case .deregistered: "注销"
        case .revoked: "吊销"
        case .movedOut: "迁出"
        case .cancelled: "撤销"
        }
    }

    /// Parses the API value (`active`) or the display value (`存续`, also `在业`; `歇业`, also `停业`).
    public init?(parsing text: String) {
        // Stored values are display values, matched by their UTF-8 bytes first: `==` on Chinese strings that were read
        // from a database takes Unicode's canonical-equivalence path, and a search hit paid for ten such comparisons.
        let bytes = text.utf8
        if let status = EntityStatus.allCases.first(where: { bytes.elementsEqual($0.display.utf8) }) { self = status; return }
        if let status = EntityStatus(rawValue: text) { self = status; return }
        if text == "在业" { self = .active; return }
        if text == "停业" { self = .suspended; return }
        guard let status = EntityStatus.allCases.first(where: { $0.display == text }) else { return nil }
        self = status
    }

    /// Whether the entity is 存续 (search ranks these first; only these register changes and renames).
    public var isActive: Bool { self == .active }

    /// The status as a message reads it: "吊销 since 2026-11-30" (without a date when none is recorded).
    public func described(since day: CalendarDate?) -> String { display + (day.map { " since \($0)" } ?? "") }

    /// Whether the entity's business license is in force: while 存续, 歇业 or 清算 (the entity exists and keeps its
    /// license until 注销, 条例 第30–32条). Not once it is revoked as a penalty (吊销, marked in the electronic license,
    /// 条例 第36条), deregistered (注销), its registration revoked (撤销), or moved to an authority that issues its
    /// license from then on (迁出).
    public var licenseInForce: Bool {
        switch self {
        case .active, .suspended, .liquidating: true
        case .deregistered, .revoked, .cancelled, .movedOut: false
        }
    }
}
