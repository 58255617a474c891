import Foundation

/// The registry's migrations on PostgreSQL: the same ids as SQLite's, append-only, each applied in one
/// transaction and recorded in `schema_migrations`. Text columns use the "C" collation, so ordering and
/// range scans compare code points whatever the database's collation (and match SQLite's order); dates are
/// ISO-8601 text (`2026-11-27`), instants RFC 3339 text (`2026-11-27T04:47:29.123Z`), byte for byte as in
/// SQLite, so moved data and the audit chain's hashes stay the same.
enum PostgresSchema {
    /// Every migration, in order.
    static let migrations: [(id: String, sql: String)] = [
        ("0001-create-registry", createRegistry),
        ("0002-create-search-index", createSearchIndex),
        ("0003-create-name-checks", createNameChecks),
        ("0004-create-applications", createApplications),
        ("0005-create-auditing", createAuditing),
        ("0006-drop-audit-hash-index", dropAuditHashIndex),
        ("0007-create-phrase-counts", createPhraseCounts),
        ("0008-create-former-name-keys", createFormerNameKeys),
        ("0009-widen-entity-statuses", widenEntityStatuses),
        ("0010-add-deadline-extensions", addDeadlineExtensions),
        ("0011-create-registration-decisions", createRegistrationDecisions),
        ("0012-create-abnormal-listings", createAbnormalListings),
        ("0013-create-deregistration-notices", createDeregistrationNotices),
        ("0014-create-search-index-queue", createSearchIndexQueue),
    ]

    /// The current version's deadline extension (延长审查期限, 条例 第19条) as stored JSON, NULL without one.
    static let addDeadlineExtensions = """
        ALTER TABLE applications ADD COLUMN deadline_extension TEXT COLLATE "C" CHECK (deadline_extension IS NULL OR deadline_extension::json IS NOT NULL);
        """

    /// The statuses 歇业 and 清算 and the filings that set them, as on SQLite: `entities.status` admits both and gains
    /// `suspended_until` (set exactly while 歇业, indexed for the expiry sweep); `applications.kind` admits `suspension`,
    /// `resumption` and `liquidation`.
    static let widenEntityStatuses = """
        ALTER TABLE entities DROP CONSTRAINT entities_status_check;
        ALTER TABLE entities ADD CONSTRAINT entities_status_check CHECK (status IN ('存续','歇业','清算','注销','吊销','迁出','撤销'));
        ALTER TABLE entities ADD COLUMN suspended_until TEXT COLLATE "C";
        ALTER TABLE entities ADD CONSTRAINT entities_suspension_check CHECK ((status = '歇业') = (suspended_until IS NOT NULL));
        CREATE INDEX entities_by_suspension_end ON entities(suspended_until) WHERE suspended_until IS NOT NULL;
        ALTER TABLE applications DROP CONSTRAINT applications_kind_check;
        ALTER TABLE applications ADD CONSTRAINT applications_kind_check
            CHECK (kind IN ('establishment','change','deregistration','suspension','resumption','liquidation'));
        """

    /// Nothing to do here (yet): SQLite's 0008 indexes ended names by the keys a name check looks up
    /// (`former_name_keys`); PostgreSQL still reads the authority's ended names of the cooldown year through
    /// `name_history_by_authority_end` inside its one candidates statement.
    static let createFormerNameKeys = """
        -- former_name_keys is SQLite's; see FormerNameKeys.swift.
        """

    /// Nothing to do here: SQLite's 0014 queues search index work so that a server can index in batches off the
    /// registrations' transactions; PostgreSQL indexes in the writing transaction.
    static let createSearchIndexQueue = """
        -- search_index_queue is SQLite's; see SearchIndexQueue.swift.
        """

    /// Nothing to do here: SQLite's 0007 adds counts of common 5- and 6-character phrases, and PostgreSQL has counted
    /// every such phrase since 0002 (`search_phrase_counts`).
    static let createPhraseCounts = """
        -- search_phrase_counts exists since 0002-create-search-index.
        """

    /// `audit_log.hash` loses its UNIQUE index, as on SQLite: no query looks a hash up, a duplicate would break
    /// the chain `audit verify` checks, and every entry's random hash cost an index page write.
    static let dropAuditHashIndex = """
        ALTER TABLE audit_log DROP CONSTRAINT audit_log_hash_key;
        """

    /// The statements of a migration (each ends with `;` at the end of a line; a function body's inner
    /// semicolons do not), one at a time for the extended query protocol.
    static func statements(of sql: String) -> [String] {
        var statements: [String] = []
        var current = ""
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("--") { continue }
            current += line + "\n"
            if trimmed.hasSuffix(";") {
                statements.append(String(current.trimmingCharacters(in: .whitespacesAndNewlines).dropLast()))
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(rest) }
        return statements
    }

    static let entityTypes = "'llc','joint-stock','partnership','sole-proprietorship','individual','cooperative','branch'"
    static let statuses = "'存续','注销','吊销','迁出','撤销'"

    static let createRegistry = """
        CREATE TABLE entities (
            id BIGINT PRIMARY KEY,
            code TEXT COLLATE "C" NOT NULL CHECK (length(code) = 18),
            subject_id TEXT COLLATE "C" NOT NULL CHECK (length(subject_id) = 9),
            name TEXT COLLATE "C" NOT NULL CHECK (name <> ''),
            zihao TEXT COLLATE "C" NOT NULL,
            name_region TEXT COLLATE "C" NOT NULL,
            name_industry TEXT COLLATE "C" NOT NULL,
            name_form TEXT COLLATE "C" NOT NULL,
            zihao_key TEXT COLLATE "C" NOT NULL,
            zihao_pinyin TEXT COLLATE "C" NOT NULL,
            zihao_initials TEXT COLLATE "C" NOT NULL,
            type TEXT COLLATE "C" NOT NULL CHECK (type IN (\(entityTypes))),
            status TEXT COLLATE "C" NOT NULL CHECK (status IN (\(statuses))),
            authority TEXT COLLATE "C" NOT NULL CHECK (length(authority) = 6),
            domicile TEXT COLLATE "C" NOT NULL,
            legal_representative TEXT COLLATE "C" NOT NULL,
            legal_representative_id TEXT COLLATE "C" NOT NULL,
            registered_capital_yuan BIGINT CHECK (registered_capital_yuan >= 0),
            business_scope TEXT COLLATE "C" NOT NULL,
            industry_code TEXT COLLATE "C" NOT NULL,
            industry_section TEXT COLLATE "C" NOT NULL CHECK (length(industry_section) = 1),
            established_on TEXT COLLATE "C" NOT NULL,
            operating_term_end TEXT COLLATE "C",
            status_changed_on TEXT COLLATE "C",
            name_shown_as_code BOOLEAN NOT NULL DEFAULT false,
            search_key BIGINT NOT NULL
        );
        CREATE SEQUENCE entity_ids;
        CREATE UNIQUE INDEX entities_by_code ON entities(code);
        CREATE UNIQUE INDEX entities_by_subject_id ON entities(subject_id);
        CREATE UNIQUE INDEX entities_by_search_key ON entities(search_key);
        CREATE INDEX entities_by_zihao ON entities(zihao_key, search_key);
        CREATE INDEX entities_by_pinyin ON entities(zihao_pinyin, search_key);
        CREATE INDEX entities_by_initials ON entities(zihao_initials, search_key);

        CREATE TABLE business_licenses (
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            version INTEGER NOT NULL CHECK (version >= 1),
            issued_on TEXT COLLATE "C" NOT NULL,
            name TEXT COLLATE "C" NOT NULL,
            type TEXT COLLATE "C" NOT NULL CHECK (type IN (\(entityTypes))),
            legal_representative TEXT COLLATE "C" NOT NULL,
            registered_capital_yuan BIGINT,
            domicile TEXT COLLATE "C" NOT NULL,
            business_scope TEXT COLLATE "C" NOT NULL,
            authority TEXT COLLATE "C" NOT NULL CHECK (length(authority) = 6),
            established_on TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (entity_id, version)
        );

        CREATE TABLE tax_registrations (
            entity_id BIGINT PRIMARY KEY REFERENCES entities(id),
            tax_authority TEXT COLLATE "C" NOT NULL,
            finance_officer TEXT COLLATE "C" NOT NULL,
            finance_officer_id TEXT COLLATE "C" NOT NULL,
            tax_handler TEXT COLLATE "C" NOT NULL,
            tax_handler_id TEXT COLLATE "C" NOT NULL,
            accounting_method TEXT COLLATE "C" NOT NULL CHECK (accounting_method IN ('independent', 'non-independent')),
            headcount INTEGER NOT NULL CHECK (headcount >= 0),
            registered_on TEXT COLLATE "C" NOT NULL
        );

        CREATE TABLE statistics_registrations (
            entity_id BIGINT PRIMARY KEY REFERENCES entities(id),
            industry_code TEXT COLLATE "C" NOT NULL,
            main_activity TEXT COLLATE "C" NOT NULL,
            employees INTEGER NOT NULL CHECK (employees >= 0),
            registered_on TEXT COLLATE "C" NOT NULL
        );

        CREATE TABLE name_history (
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            valid_from TEXT COLLATE "C" NOT NULL,
            name TEXT COLLATE "C" NOT NULL,
            name_key TEXT COLLATE "C" NOT NULL,
            zihao TEXT COLLATE "C" NOT NULL,
            valid_to TEXT COLLATE "C",
            PRIMARY KEY (entity_id, valid_from, name)
        );
        CREATE INDEX name_history_by_key ON name_history(name_key);

        -- Codes are allocated from a sequence: no row is locked while a registration commits (gaps after a
        -- rolled-back registration are harmless; the unique index on subject_id is the last line of defence).
        CREATE SEQUENCE code_sequence MINVALUE 0 START 0;
        """

    /// Search: documents (every name of an entity, see `SearchText.document`) with a pg_trgm GIN index for
    /// queries of 3+ characters, and a (gram, key) side table of bigram tokens for 2-character queries and
    /// for walking a rare bigram in key order; document frequencies of 2–4-character terms for totals.
    static let createSearchIndex = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE TABLE search_documents (
            search_key BIGINT PRIMARY KEY,
            document TEXT COLLATE "C" NOT NULL
        );
        CREATE INDEX search_documents_trigrams ON search_documents USING gin (document gin_trgm_ops);
        CREATE TABLE search_grams (
            gram TEXT COLLATE "C" NOT NULL,
            search_key BIGINT NOT NULL,
            PRIMARY KEY (gram, search_key)
        );
        CREATE TABLE search_term_counts (
            term TEXT COLLATE "C" PRIMARY KEY,
            documents INTEGER NOT NULL CHECK (documents >= 0)
        );
        -- Document frequencies of 5- and 6-character terms (PostgreSQL only): exact totals for such queries in one
        -- lookup, where counting LIKE matches through pg_trgm would intersect huge posting lists (有限公司…).
        CREATE TABLE search_phrase_counts (
            term TEXT COLLATE "C" PRIMARY KEY,
            documents INTEGER NOT NULL CHECK (documents >= 0)
        );
        -- Registrations append +1/-1 rows here instead of updating hot counters (有限, 公司…) that every
        -- concurrent registration would queue on; folded into search_term_counts by the sequencer.
        CREATE TABLE search_term_deltas (
            id BIGSERIAL PRIMARY KEY,
            term TEXT COLLATE "C" NOT NULL,
            delta INTEGER NOT NULL
        );
        CREATE INDEX search_term_deltas_by_term ON search_term_deltas(term);
        """

    static let createNameChecks = """
        CREATE INDEX entities_by_authority_pinyin ON entities(authority, zihao_pinyin, zihao_key);
        ALTER TABLE name_history ADD COLUMN authority TEXT COLLATE "C" NOT NULL DEFAULT '';
        UPDATE name_history SET authority = (SELECT e.authority FROM entities e WHERE e.id = name_history.entity_id);
        CREATE INDEX name_history_by_authority_end ON name_history(authority, valid_to, zihao, name_key) WHERE valid_to IS NOT NULL;
        CREATE TABLE zihao_grams (
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            authority TEXT COLLATE "C" NOT NULL,
            gram TEXT COLLATE "C" NOT NULL
        );
        CREATE INDEX zihao_grams_by_gram ON zihao_grams(authority, gram);
        CREATE INDEX zihao_grams_by_entity ON zihao_grams(entity_id);
        CREATE TABLE name_reservations (
            id TEXT COLLATE "C" PRIMARY KEY,
            name TEXT COLLATE "C" NOT NULL CHECK (name <> ''),
            name_key TEXT COLLATE "C" NOT NULL,
            zihao TEXT COLLATE "C" NOT NULL,
            zihao_key TEXT COLLATE "C" NOT NULL,
            zihao_pinyin TEXT COLLATE "C" NOT NULL,
            industry_phrase TEXT COLLATE "C" NOT NULL,
            industry_code TEXT COLLATE "C" NOT NULL,
            type TEXT COLLATE "C" NOT NULL CHECK (type IN (\(entityTypes))),
            authority TEXT COLLATE "C" NOT NULL CHECK (length(authority) = 6),
            applicant TEXT COLLATE "C" NOT NULL,
            reserved_on TEXT COLLATE "C" NOT NULL,
            expires_on TEXT COLLATE "C" NOT NULL CHECK (expires_on > reserved_on),
            needs_preapproval BOOLEAN NOT NULL,
            state TEXT COLLATE "C" NOT NULL CHECK (state IN ('active', 'cancelled', 'consumed', 'expired')),
            state_changed_on TEXT COLLATE "C"
        );
        CREATE INDEX name_reservations_by_authority ON name_reservations(authority, state, expires_on);
        CREATE UNIQUE INDEX name_reservations_one_active_name ON name_reservations(authority, name_key) WHERE state = 'active';
        """

    static let departments = "'market','tax','statistics'"

    /// Applications, tokens, idempotency keys; the audit log and change feed are first written to their
    /// `…_pending` tables by the transaction that makes the change, then numbered (and, for the audit log,
    /// chained) in commit order by the sequencer (`PostgresSequencer`), so concurrent counters never
    /// queue on one row.
    static let createApplications = """
        CREATE TABLE access_tokens (
            id BIGSERIAL PRIMARY KEY,
            label TEXT COLLATE "C" NOT NULL CHECK (label <> ''),
            role TEXT COLLATE "C" NOT NULL CHECK (role IN ('clerk','reviewer.market','reviewer.tax','reviewer.statistics','supervisor','auditor','admin')),
            secret_hash TEXT COLLATE "C" NOT NULL CHECK (length(secret_hash) = 64),
            created_at TEXT COLLATE "C" NOT NULL,
            revoked_at TEXT COLLATE "C"
        );
        CREATE UNIQUE INDEX access_tokens_by_hash ON access_tokens(secret_hash);

        CREATE SEQUENCE application_numbers START 1;

        CREATE TABLE applications (
            number TEXT COLLATE "C" PRIMARY KEY,
            kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('establishment','change','deregistration')),
            state TEXT COLLATE "C" NOT NULL CHECK (state IN ('under-review','returned','completed')),
            version INTEGER NOT NULL CHECK (version >= 1),
            name TEXT COLLATE "C" NOT NULL,
            type TEXT COLLATE "C" NOT NULL CHECK (type IN (\(entityTypes))),
            authority TEXT COLLATE "C" NOT NULL CHECK (length(authority) = 6),
            reservation_id TEXT COLLATE "C" REFERENCES name_reservations(id),
            accepted_by TEXT COLLATE "C" NOT NULL,
            received_at TEXT COLLATE "C" NOT NULL,
            submitted_at TEXT COLLATE "C" NOT NULL,
            deadline TEXT COLLATE "C" NOT NULL,
            completed_at TEXT COLLATE "C",
            code TEXT COLLATE "C",
            CHECK ((state = 'completed') = (code IS NOT NULL AND completed_at IS NOT NULL))
        );
        CREATE INDEX applications_by_state ON applications(state, deadline, number);
        CREATE INDEX applications_by_received ON applications(received_at);
        CREATE INDEX applications_by_completed ON applications(completed_at) WHERE completed_at IS NOT NULL;
        CREATE UNIQUE INDEX applications_one_per_new_code ON applications(code) WHERE kind = 'establishment' AND code IS NOT NULL;
        CREATE INDEX applications_by_code ON applications(code) WHERE code IS NOT NULL;

        CREATE TABLE application_versions (
            number TEXT COLLATE "C" NOT NULL REFERENCES applications(number),
            version INTEGER NOT NULL CHECK (version >= 1),
            form TEXT COLLATE "C" NOT NULL CHECK (form::jsonb IS NOT NULL),
            submitted_at TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (number, version)
        );

        CREATE TABLE application_reviews (
            id BIGSERIAL PRIMARY KEY,
            number TEXT COLLATE "C" NOT NULL REFERENCES applications(number),
            version INTEGER NOT NULL,
            department TEXT COLLATE "C" NOT NULL CHECK (department IN (\(departments))),
            decision TEXT COLLATE "C" NOT NULL CHECK (decision IN ('approve','return')),
            reasons TEXT COLLATE "C" NOT NULL CHECK (reasons::jsonb IS NOT NULL),
            reviewer TEXT COLLATE "C" NOT NULL,
            at TEXT COLLATE "C" NOT NULL,
            FOREIGN KEY (number, version) REFERENCES application_versions(number, version)
        );
        CREATE UNIQUE INDEX application_reviews_one_per_department ON application_reviews(number, version, department)
            WHERE reviewer <> 'system';
        CREATE INDEX application_reviews_by_number ON application_reviews(number, id);
        CREATE INDEX application_reviews_by_time ON application_reviews(at);

        CREATE TABLE idempotency_keys (
            scope TEXT COLLATE "C" NOT NULL,
            key TEXT COLLATE "C" NOT NULL,
            fingerprint TEXT COLLATE "C" NOT NULL,
            status INTEGER NOT NULL,
            body BYTEA NOT NULL,
            location TEXT COLLATE "C",
            created_at TEXT COLLATE "C" NOT NULL,
            PRIMARY KEY (scope, key)
        );

        CREATE TABLE change_feed (
            sequence BIGINT PRIMARY KEY CHECK (sequence >= 1),
            at TEXT COLLATE "C" NOT NULL,
            code TEXT COLLATE "C" NOT NULL,
            change TEXT COLLATE "C" NOT NULL,
            old_values TEXT COLLATE "C",
            new_values TEXT COLLATE "C" NOT NULL
        );
        CREATE INDEX change_feed_by_code ON change_feed(code, sequence);
        CREATE TABLE change_feed_pending (
            id BIGSERIAL PRIMARY KEY,
            at TEXT COLLATE "C" NOT NULL,
            code TEXT COLLATE "C" NOT NULL,
            change TEXT COLLATE "C" NOT NULL,
            old_values TEXT COLLATE "C",
            new_values TEXT COLLATE "C" NOT NULL
        );
        """

    /// The audit log as a hash chain, append-only for SQL clients (triggers refuse UPDATE and DELETE);
    /// snapshots with their manifest hashes; token privileges; open data by section and code.
    static let createAuditing = """
        CREATE TABLE audit_log (
            sequence BIGINT PRIMARY KEY CHECK (sequence >= 1),
            at TEXT COLLATE "C" NOT NULL,
            actor TEXT COLLATE "C" NOT NULL,
            role TEXT COLLATE "C" NOT NULL,
            action TEXT COLLATE "C" NOT NULL,
            target TEXT COLLATE "C" NOT NULL,
            request_id TEXT COLLATE "C",
            previous_hash TEXT COLLATE "C" NOT NULL CHECK (length(previous_hash) = 64),
            hash TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(hash) = 64)
        );
        CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
            FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
        CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
            FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
        CREATE TABLE audit_pending (
            id BIGSERIAL PRIMARY KEY,
            at TEXT COLLATE "C" NOT NULL,
            actor TEXT COLLATE "C" NOT NULL,
            role TEXT COLLATE "C" NOT NULL,
            action TEXT COLLATE "C" NOT NULL,
            target TEXT COLLATE "C" NOT NULL,
            request_id TEXT COLLATE "C"
        );

        CREATE TABLE snapshots (
            number BIGINT PRIMARY KEY CHECK (number >= 1),
            sequence BIGINT NOT NULL CHECK (sequence >= 0),
            taken_at TEXT COLLATE "C" NOT NULL,
            manifest_sha256 TEXT COLLATE "C" NOT NULL UNIQUE CHECK (length(manifest_sha256) = 64),
            previous_sha256 TEXT COLLATE "C" UNIQUE CHECK (previous_sha256 IS NULL OR length(previous_sha256) = 64),
            CHECK ((number = 1) = (previous_sha256 IS NULL))
        );

        ALTER TABLE access_tokens ADD COLUMN privileges TEXT COLLATE "C" NOT NULL DEFAULT '' CHECK (privileges IN ('', 'personal-ids'));

        CREATE INDEX entities_by_section_code ON entities(industry_section, code);
        """
}
