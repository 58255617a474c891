/// Moving a whole registry from one backend to another (`yizhao migrate-data`): the tables both schemas share,
/// row by row and column by column, values as stored (codes, ids, sequence numbers, times and hashes unchanged).
public enum RegistryTransfer {
    /// One table to copy: its name and columns (the same in both schemas).
    public struct Table: Sendable, Hashable {
        public let name: String
        public let columns: [String]

        public init(_ name: String, _ columns: [String]) {
            self.name = name
            self.columns = columns
        }
    }

    /// A stored value.
    public enum Value: Sendable, Hashable {
        case text(String)
        case integer(Int64)
        case bytes([UInt8])
        case null
    }

    /// A run of rows of one table.
    public struct Chunk: Sendable {
        public let table: Table
        public let rows: [[Value]]

        public init(table: Table, rows: [[Value]]) {
            self.table = table
            self.rows = rows
        }
    }

    /// What the source registry holds besides its rows: the counters new rows continue from, and what the
    /// copy is checked against afterwards.
    public struct Summary: Sendable, Hashable {
        /// Rows per table.
        public var rowCounts: [String: Int]
        /// The next code allocator sequence value.
        public var nextCodeSequence: Int64
        /// The next application number's sequence value.
        public var nextApplicationNumber: Int64
        /// The last change-feed sequence number (0 when empty).
        public var feedSequence: Int64
        /// The audit chain's head.
        public var auditHead: AuditChainHead?

        public init(rowCounts: [String: Int], nextCodeSequence: Int64, nextApplicationNumber: Int64, feedSequence: Int64, auditHead: AuditChainHead?) {
            self.rowCounts = rowCounts
            self.nextCodeSequence = nextCodeSequence
            self.nextApplicationNumber = nextApplicationNumber
            self.feedSequence = feedSequence
            self.auditHead = auditHead
        }
    }

    /// Every shared table, parents before children.
    public static let tables: [Table] = [
        Table("entities", ["id", "code", "subject_id", "name", "zihao", "name_region", "name_industry", "name_form", "zihao_key", "zihao_pinyin",
                           "zihao_initials", "type", "status", "authority", "domicile", "legal_representative", "legal_representative_id",
                           "registered_capital_yuan", "business_scope", "industry_code", "industry_section", "established_on", "operating_term_end",
                           "status_changed_on", "name_shown_as_code", "search_key", "suspended_until"]),
        Table("business_licenses", ["entity_id", "version", "issued_on", "name", "type", "legal_representative", "registered_capital_yuan",
                                    "domicile", "business_scope", "authority", "established_on"]),
        Table("tax_registrations", ["entity_id", "tax_authority", "finance_officer", "finance_officer_id", "tax_handler", "tax_handler_id",
                                    "accounting_method", "headcount", "registered_on"]),
        Table("statistics_registrations", ["entity_id", "industry_code", "main_activity", "employees", "registered_on"]),
        Table("name_history", ["entity_id", "valid_from", "name", "name_key", "zihao", "valid_to", "authority"]),
        Table("zihao_grams", ["entity_id", "authority", "gram"]),
        Table("search_documents", ["search_key", "document"]),
        Table("search_term_counts", ["term", "documents"]),
        Table("name_reservations", ["id", "name", "name_key", "zihao", "zihao_key", "zihao_pinyin", "industry_phrase", "industry_code", "type",
                                    "authority", "applicant", "reserved_on", "expires_on", "needs_preapproval", "state", "state_changed_on"]),
        Table("access_tokens", ["id", "label", "role", "secret_hash", "created_at", "revoked_at", "privileges"]),
        Table("applications", ["number", "kind", "state", "version", "name", "type", "authority", "reservation_id", "accepted_by", "received_at",
                               "submitted_at", "deadline", "completed_at", "code", "deadline_extension"]),
        Table("application_versions", ["number", "version", "form", "submitted_at"]),
        Table("application_reviews", ["id", "number", "version", "department", "decision", "reasons", "reviewer", "at"]),
        Table("idempotency_keys", ["scope", "key", "fingerprint", "status", "body", "location", "created_at"]),
        Table("change_feed", ["sequence", "at", "code", "change", "old_values", "new_values"]),
        Table("audit_log", ["sequence", "at", "actor", "role", "action", "target", "request_id", "previous_hash", "hash"]),
        Table("snapshots", ["number", "sequence", "taken_at", "manifest_sha256", "previous_sha256"]),
        Table("registration_decisions", ["id", "entity_id", "action", "document_number", "decided_on", "reason", "status_before",
                                         "suspended_until_before", "status_after", "recorded_by", "recorded_at"]),
        Table("abnormal_listings", ["id", "entity_id", "reason", "document_number", "listed_on", "listed_by", "removal_document_number", "removed_on",
                                    "removal_reason", "removed_by"]),
        Table("deregistration_notices", ["id", "entity_id", "notice_from", "filed_by", "objection_party", "objection_reason", "objected_on",
                                         "objection_recorded_by"]),
    ]
}
