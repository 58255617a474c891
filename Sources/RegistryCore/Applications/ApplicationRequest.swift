/// What an application asks for, with its validated form.
public enum ApplicationRequest: Sendable, Hashable {
    /// 设立登记 with the unified form.
    case establishment(ApplicationForm)
    /// 变更登记.
    case change(ChangeForm)
    /// 注销登记.
    case deregistration(DeregistrationForm)
    /// 歇业, 恢复营业 or 清算组备案.
    case statusFiling(StatusFiling)

    /// The kind.
    public var kind: Application.Kind {
        switch self {
        case .establishment: .establishment
        case .change: .change
        case .deregistration: .deregistration
        case .statusFiling(let filing): filing.kind
        }
    }

    /// The name the application is about: the proposed name, the new name of a change, or the entity's name.
    public var name: String {
        switch self {
        case .establishment(let form): form.market.name
        case .change(let form): form.name ?? form.currentName
        case .deregistration(let form): form.currentName
        case .statusFiling(let filing): filing.currentName
        }
    }

    /// The entity type.
    public var type: EntityType {
        switch self {
        case .establishment(let form): form.market.type
        case .change(let form): form.type
        case .deregistration(let form): form.type
        case .statusFiling(let filing): filing.type
        }
    }

    /// The registering authority.
    public var authority: RegionCode {
        switch self {
        case .establishment(let form): form.market.authority
        case .change(let form): form.authority
        case .deregistration(let form): form.authority
        case .statusFiling(let filing): filing.authority
        }
    }

    /// The name reservation used, if any.
    public var reservationID: String? {
        switch self {
        case .establishment(let form): form.market.reservationID
        case .change(let form): form.reservationID
        case .deregistration, .statusFiling: nil
        }
    }

    /// The existing entity a change or deregistration concerns.
    public var entityCode: CreditCode? {
        switch self {
        case .establishment: nil
        case .change(let form): form.code
        case .deregistration(let form): form.code
        case .statusFiling(let filing): filing.code
        }
    }
}

extension ApplicationRequest: Codable {
    enum CodingKeys: String, CodingKey { case kind, form }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Application.Kind.self, forKey: .kind) {
        case .establishment: self = .establishment(try container.decode(ApplicationForm.self, forKey: .form))
        case .change: self = .change(try container.decode(ChangeForm.self, forKey: .form))
        case .deregistration: self = .deregistration(try container.decode(DeregistrationForm.self, forKey: .form))
        case .suspension, .resumption, .liquidation: self = .statusFiling(try container.decode(StatusFiling.self, forKey: .form))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .establishment(let form): try container.encode(form, forKey: .form)
        case .change(let form): try container.encode(form, forKey: .form)
        case .deregistration(let form): try container.encode(form, forKey: .form)
        case .statusFiling(let filing): try container.encode(filing, forKey: .form)
        }
    }
}
