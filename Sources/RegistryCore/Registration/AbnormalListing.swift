/// An entry of the 经营异常名录 (list of entities with abnormal operations, `domain/process.md` §7): a flag independent of
/// the status, put on by the registration authority and taken off once the cause is cured. While an entity is listed
/// it cannot deregister by the simplified procedure (条例 第33条; 细则 第48条).
public struct AbnormalListing: Sendable, Hashable, Codable {
    /// Why the entity is listed.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// 未按规定报送年度报告 (细则 第70条).
        case annualReportMissing = "annual-report-missing"
        /// 通过登记的住所无法联系 (细则 第20条).
        case unreachableAtDomicile = "unreachable-at-domicile"
        /// 未按要求变更名称: the name was not changed after a correction order (办法 第32条).
        case nameNotCorrected = "name-not-corrected"

        /// The reason as the list shows it.
        public var display: String {
            switch self {
            case .annualReportMissing: "未按规定报送年度报告"
            case .unreachableAtDomicile: "通过登记的住所无法联系"
            case .nameNotCorrected: "未按要求变更名称"
            }
        }
    }

    /// How a listing ended (移出经营异常名录).
    public struct Removal: Sendable, Hashable, Codable {
        /// The removal decision's document number.
        public var documentNumber: String
        /// The day it took effect.
        public var removedOn: CalendarDate
        /// Why (the annual report filed, the entity reached at its domicile, the name changed…).
        public var reason: String
        /// Who recorded it (token label).
        public var recordedBy: String

        /// Creates a removal.
        public init(documentNumber: String, removedOn: CalendarDate, reason: String, recordedBy: String) {
            self.documentNumber = documentNumber
            self.removedOn = removedOn
            self.reason = reason
            self.recordedBy = recordedBy
        }
    }

    /// What lists an entity, validated.
    public struct Request: Sendable, Hashable {
        public var code: CreditCode
        public var reason: Reason
        /// The listing decision's document number (4–60 characters), unique per entity.
        public var documentNumber: String
        /// The day the listing takes effect, not after today.
        public var listedOn: CalendarDate

        /// Creates a request from valid values.
        public init(code: CreditCode, reason: Reason, documentNumber: String, listedOn: CalendarDate) {
            self.code = code
            self.reason = reason
            self.documentNumber = documentNumber
            self.listedOn = listedOn
        }

        /// Validates the submitted fields; every invalid one is reported at once (`/reason`, `/documentNumber`, `/listedOn`).
        public static func validate(code: CreditCode, reason: String?, documentNumber: String?, listedOn: String?,
                                    today: CalendarDate) -> Result<Request, FormErrors> {
            var check = FieldCheck(today: today)
            let why = check.choice(reason, "/reason", Reason.self, what: "the reason")
            let document = check.text(documentNumber, "/documentNumber", 4...60, what: "the listing decision's number")
            let day = check.pastDate(listedOn, "/listedOn", what: "the day of the listing")
            guard check.errors.isEmpty, let why, let document, let day else { return .failure(FormErrors(check.errors)) }
            return .success(Request(code: code, reason: why, documentNumber: document, listedOn: day))
        }
    }

    /// Validates a removal's fields (`/documentNumber` 4–60 characters, `/removedOn` not after today, `/reason` 2–500
    /// characters), recorded by `recordedBy`; every invalid one is reported at once.
    public static func validateRemoval(documentNumber: String?, removedOn: String?, reason: String?, recordedBy: String,
                                       today: CalendarDate) -> Result<Removal, FormErrors> {
        var check = FieldCheck(today: today)
        let document = check.text(documentNumber, "/documentNumber", 4...60, what: "the removal decision's number")
        let day = check.pastDate(removedOn, "/removedOn", what: "the day of the removal")
        let why = check.text(reason, "/reason", 2...500, what: "the reason")
        guard check.errors.isEmpty, let document, let day, let why else { return .failure(FormErrors(check.errors)) }
        return .success(Removal(documentNumber: document, removedOn: day, reason: why, recordedBy: recordedBy))
    }

    /// The listing's number in this registry (increasing).
    public var id: Int64
    public var code: CreditCode
    public var reason: Reason
    public var documentNumber: String
    public var listedOn: CalendarDate
    /// Who recorded it (token label).
    public var listedBy: String
    /// Set once the entity is taken off the list for this listing.
    public var removal: Removal?

    /// Creates a listing.
    public init(id: Int64, code: CreditCode, reason: Reason, documentNumber: String, listedOn: CalendarDate, listedBy: String, removal: Removal?) {
        self.id = id
        self.code = code
        self.reason = reason
        self.documentNumber = documentNumber
        self.listedOn = listedOn
        self.listedBy = listedBy
        self.removal = removal
    }

    /// Whether the entity is still on the list for this listing.
    public var isInForce: Bool { removal == nil }
}

extension FieldCheck {
    /// A required value of one of `Choice`'s raw values.
    mutating func choice<Choice: RawRepresentable & CaseIterable>(_ value: String?, _ field: String, _ type: Choice.Type,
                                                                   what: String) -> Choice? where Choice.RawValue == String {
        guard let value else { fail(field, "required", "\(what) is required"); return nil }
        guard let parsed = Choice(rawValue: value) else {
            fail(field, "invalid", "\(what) is one of \(Choice.allCases.map(\.rawValue).joined(separator: ", ")), not “\(value.prefix(40))”")
            return nil
        }
        return parsed
    }

    /// A required date, not after today.
    mutating func pastDate(_ value: String?, _ field: String, what: String) -> CalendarDate? {
        guard value != nil else { fail(field, "required", "\(what) is required"); return nil }
        guard let date = date(value, field, what: what) else { return nil }
        guard date <= today else { fail(field, "in-future", "\(what), \(date), is after today (\(today))"); return nil }
        return date
    }
}
