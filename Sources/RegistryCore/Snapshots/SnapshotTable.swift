/// The files of a snapshot (SPEC §5): one per registry table, columns in a fixed order, rows ordered by code
/// (then license version, name period, or record id). docs/snapshots.md lists them.
public enum SnapshotTable: String, Sendable, Hashable, Codable, CaseIterable {
    /// One row per market entity.
    case entities
    /// One row per business license version.
    case licenses = "business_licenses"
    /// One row per tax registration.
    case tax = "tax_registrations"
    /// One row per statistics registration.
    case statistics = "statistics_registrations"
    /// One row per name period (current and former names).
    case names = "name_history"
    /// One row per registration decision: 吊销, 撤销, reversals (format 3).
    case decisions = "registration_decisions"
    /// One row per 经营异常名录 listing, in force or ended (format 3).
    case abnormalListings = "abnormal_listings"
    /// One row per 简易注销 notice (format 3).
    case notices = "deregistration_notices"

    /// Whether the table's rows come from entity dossiers, so that the change feed's values rebuild them
    /// (`SnapshotRows`); the three registers added in format 3 are recorded beside the dossiers (their actions are in
    /// the audit log) and do not.
    public var isDossierTable: Bool {
        switch self {
        case .entities, .licenses, .tax, .statistics, .names: true
        case .decisions, .abnormalListings, .notices: false
        }
    }

    /// The tables a snapshot in `format` holds: formats 1 and 2 only the dossier tables.
    public static func tables(in format: String) -> [SnapshotTable] {
        format == SnapshotManifest.currentFormat ? allCases : allCases.filter(\.isDossierTable)
    }

    /// The columns of a snapshot in `format` (a `SnapshotManifest.knownFormats` member): version 1 had no
    /// `entities.suspended_until`.
    public func columns(in format: String) -> [SnapshotColumn] {
        format == SnapshotManifest.firstFormat && self == .entities ? columns.filter { $0.name != "suspended_until" } : columns
    }

    /// The columns, in file order (the current format).
    public var columns: [SnapshotColumn] {
        switch self {
        case .entities:
            [.text("code"), .text("name"), .text("zihao"), .text("name_region"), .text("name_industry"), .text("name_form"),
             .text("type"), .text("status"), .text("authority"), .text("domicile"), .text("legal_representative"),
             .personalID("legal_representative_id"), .integer("registered_capital_yuan"), .text("business_scope"),
             .text("industry_code"), .text("established_on"), .text("operating_term_end"), .text("status_changed_on"),
             .integer("name_shown_as_code"), .text("suspended_until")]
        case .licenses:
            [.text("code"), .integer("version"), .text("issued_on"), .text("name"), .text("type"), .text("legal_representative"),
             .integer("registered_capital_yuan"), .text("domicile"), .text("business_scope"), .text("authority"), .text("established_on")]
        case .tax:
            [.text("code"), .text("tax_authority"), .text("finance_officer"), .personalID("finance_officer_id"), .text("tax_handler"),
             .personalID("tax_handler_id"), .text("accounting_method"), .integer("headcount"), .text("registered_on")]
        case .statistics:
            [.text("code"), .text("industry_code"), .text("main_activity"), .integer("employees"), .text("registered_on")]
        case .names:
            [.text("code"), .text("name"), .text("zihao"), .text("valid_from"), .text("valid_to")]
        case .decisions:
            [.text("code"), .integer("id"), .text("action"), .text("document_number"), .text("decided_on"), .text("reason"),
             .text("status_before"), .text("suspended_until_before"), .text("status_after"), .text("recorded_by"), .text("recorded_at")]
        case .abnormalListings:
            [.text("code"), .integer("id"), .text("reason"), .text("document_number"), .text("listed_on"), .text("listed_by"),
             .text("removal_document_number"), .text("removed_on"), .text("removal_reason"), .text("removed_by")]
        case .notices:
            [.text("code"), .integer("id"), .text("notice_from"), .text("filed_by"), .text("objection_party"), .text("objection_reason"),
             .text("objected_on"), .text("objection_recorded_by")]
        }
    }

    /// Every personal ID column of every table, as `table.column`.
    public static var personalIDColumns: [String] {
        allCases.flatMap { table in table.columns.filter(\.isPersonalID).map { "\(table.rawValue).\($0.name)" } }
    }
}

/// One column of a snapshot file.
public struct SnapshotColumn: Sendable, Hashable {
    /// How values are written.
    public enum Kind: Sendable, Hashable {
        /// UTF-8 text (a JSON string).
        case text
        /// A decimal integer (a JSON number).
        case integer
    }

    /// The column name (the CSV header and the NDJSON key).
    public let name: String
    /// Its kind.
    public let kind: Kind
    /// Whether it holds a personal ID number (masked unless requested with the privilege).
    public let isPersonalID: Bool

    /// A text column.
    public static func text(_ name: String) -> Self { Self(name: name, kind: .text, isPersonalID: false) }
    /// An integer column.
    public static func integer(_ name: String) -> Self { Self(name: name, kind: .integer, isPersonalID: false) }
    /// A text column of personal ID numbers.
    public static func personalID(_ name: String) -> Self { Self(name: name, kind: .text, isPersonalID: true) }
}

/// One value of a snapshot row.
public enum SnapshotValue: Sendable, Hashable {
    /// SQL NULL: an empty CSV field, JSON `null`.
    case null
    /// An integer.
    case integer(Int64)
    /// Text.
    case text(String)
}

/// Receives a snapshot file's rows one field at a time, in column order (so a backend can hand over its
/// column buffers without building a row value).
public protocol SnapshotRowSink: AnyObject {
    /// The next field is text (UTF-8 bytes, valid while the call lasts).
    func text(_ bytes: UnsafeBufferPointer<UInt8>)
    /// The next field is an integer.
    func integer(_ value: Int64)
    /// The next field is NULL.
    func null()
    /// The row is complete.
    func endRow() throws
}

extension SnapshotRowSink {
    /// Sends a whole row of values.
    public func row(_ values: [SnapshotValue]) throws {
        for value in values {
            switch value {
            case .null: null()
            case .integer(let number): integer(number)
            case .text(let string):
                var string = string
                string.withUTF8 { text($0) }
            }
        }
        try endRow()
    }
}
