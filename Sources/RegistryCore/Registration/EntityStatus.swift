/// The registration status of a market entity (登记状态).
public enum EntityStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// 存续 — registered and in existence.
    case active
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
        case .deregistered: "注销"
        case .revoked: "吊销"
        case .movedOut: "迁出"
        case .cancelled: "撤销"
        }
    }

    /// Parses the API value (`active`) or the display value (`存续`, also `在业`).
    public init?(parsing text: String) {
        if let status = EntityStatus(rawValue: text) { self = status; return }
        if text == "在业" { self = .active; return }
        guard let status = EntityStatus.allCases.first(where: { $0.display == text }) else { return nil }
        self = status
    }

    /// Whether the entity still exists (search ranks these first).
    public var isActive: Bool { self == .active }
}
