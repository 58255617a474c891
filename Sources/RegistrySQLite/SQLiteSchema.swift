import GRDB

/// The registry's migrations. Append-only, named `NNNN-verb-noun`; the PostgreSQL backend uses the same ids.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("0001-create-registry") { db in
            try db.execute(sql: createRegistry)
        }
        migrator.registerMigration("0002-create-search-index") { db in
            try db.execute(sql: createSearchIndex)
        }
        migrator.registerMigration("0003-create-name-checks") { db in
            try db.execute(sql: createNameChecks)
            try ZihaoGrams.backfill(db)
        }
        migrator.registerMigration("0004-create-applications") { db in
            try db.execute(sql: createApplications)
        }
        migrator.registerMigration("0005-create-auditing") { db in
            try createAuditing(db)
        }
        migrator.registerMigration("0006-drop-audit-hash-index") { db in
            try dropAuditHashIndex(db)
        }
        migrator.registerMigration("0007-create-phrase-counts") { db in
            try db.execute(sql: createPhraseCounts)
            try SearchIndexWriter.countCommonPhrases(db)
        }
        migrator.registerMigration("0008-create-former-name-keys") { db in
            try db.execute(sql: FormerNameKeys.createSQL)
            try FormerNameKeys.backfill(db)
        }
        migrator.registerMigration("0009-widen-entity-statuses") { db in
            try widenEntityStatuses(db)
        }
        migrator.registerMigration("0010-add-deadline-extensions") { db in
            try db.execute(sql: addDeadlineExtensions)
        }
        migrator.registerMigration("0011-create-registration-decisions") { db in
            try db.execute(sql: DecisionRecord.createSQL)
        }
        migrator.registerMigration("0012-create-abnormal-listings") { db in
            try db.execute(sql: AbnormalListingRecord.createSQL)
        }
        migrator.registerMigration("0013-create-deregistration-notices") { db in
            try db.execute(sql: NoticeRecord.createSQL)
        }
        migrator.registerMigration("0014-create-search-index-queue") { db in
            try db.execute(sql: SearchIndexQueue.createSQL)
        }
        return migrator
    }

    /// Document frequencies of common 5- and 6-character phrases (`SearchText.PhraseCounter`): rows only for the
    /// phrases in at least 500 documents when the index was built (seeded, or migrated), each then kept exact by
    /// every document added or removed; a query of such a phrase has its exact total in one lookup.
    static let createPhraseCounts = """
        CREATE TABLE search_phrase_counts (
            term TEXT PRIMARY KEY,
            documents INTEGER NOT NULL CHECK (documents >= 0)
        ) WITHOUT ROWID;
        """

    /// The current version's deadline extension (延长审查期限, 条例 第19条) as stored JSON, NULL without one.
    static let addDeadlineExtensions = """
        ALTER TABLE applications ADD COLUMN deadline_extension TEXT CHECK (deadline_extension IS NULL OR json_valid(deadline_extension));
        """

    static let entityTypes = "'llc','joint-stock','partnership','sole-proprietorship','individual','cooperative','branch'"
    static let statuses = "'存续','注销','吊销','迁出','撤销'"

    static let createRegistry = """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            code TEXT NOT NULL CHECK (length(code) = 18),
            subject_id TEXT NOT NULL CHECK (length(subject_id) = 9),
            name TEXT NOT NULL CHECK (name <> ''),
            zihao TEXT NOT NULL,
            name_region TEXT NOT NULL,
            name_industry TEXT NOT NULL,
            name_form TEXT NOT NULL,
            zihao_key TEXT NOT NULL,
            zihao_pinyin TEXT NOT NULL,
            zihao_initials TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN (\(entityTypes))),
            status TEXT NOT NULL CHECK (status IN (\(statuses))),
            authority TEXT NOT NULL CHECK (length(authority) = 6),
            domicile TEXT NOT NULL,
            legal_representative TEXT NOT NULL,
            legal_representative_id TEXT NOT NULL,
            registered_capital_yuan INTEGER CHECK (registered_capital_yuan >= 0),
            business_scope TEXT NOT NULL,
            industry_code TEXT NOT NULL,
            industry_section TEXT NOT NULL CHECK (length(industry_section) = 1),
            established_on TEXT NOT NULL,
            operating_term_end TEXT,
            status_changed_on TEXT,
            name_shown_as_code INTEGER NOT NULL DEFAULT 0 CHECK (name_shown_as_code IN (0, 1)),
            search_key INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX entities_by_code ON entities(code);
        CREATE UNIQUE INDEX entities_by_subject_id ON entities(subject_id);
        CREATE UNIQUE INDEX entities_by_search_key ON entities(search_key);
        CREATE INDEX entities_by_zihao ON entities(zihao_key, search_key);
        CREATE INDEX entities_by_pinyin ON entities(zihao_pinyin, search_key);
        CREATE INDEX entities_by_initials ON entities(zihao_initials, search_key);

        CREATE TABLE business_licenses (
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            version INTEGER NOT NULL CHECK (version >= 1),
            issued_on TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN (\(entityTypes))),
            legal_representative TEXT NOT NULL,
            registered_capital_yuan INTEGER,
            domicile TEXT NOT NULL,
            business_scope TEXT NOT NULL,
            authority TEXT NOT NULL CHECK (length(authority) = 6),
            established_on TEXT NOT NULL,
            PRIMARY KEY (entity_id, version)
        ) WITHOUT ROWID;

        CREATE TABLE tax_registrations (
            entity_id INTEGER PRIMARY KEY REFERENCES entities(id),
            tax_authority TEXT NOT NULL,
            finance_officer TEXT NOT NULL,
            finance_officer_id TEXT NOT NULL,
            tax_handler TEXT NOT NULL,
            tax_handler_id TEXT NOT NULL,
            accounting_method TEXT NOT NULL CHECK (accounting_method IN ('independent', 'non-independent')),
            headcount INTEGER NOT NULL CHECK (headcount >= 0),
            registered_on TEXT NOT NULL
        );

        CREATE TABLE statistics_registrations (
            entity_id INTEGER PRIMARY KEY REFERENCES entities(id),
            industry_code TEXT NOT NULL,
            main_activity TEXT NOT NULL,
            employees INTEGER NOT NULL CHECK (employees >= 0),
            registered_on TEXT NOT NULL
        );

        CREATE TABLE name_history (
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            valid_from TEXT NOT NULL,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            zihao TEXT NOT NULL,
            valid_to TEXT,
            PRIMARY KEY (entity_id, valid_from, name)
        ) WITHOUT ROWID;
        CREATE INDEX name_history_by_key ON name_history(name_key);

        CREATE TABLE code_sequence (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            next_value INTEGER NOT NULL CHECK (next_value >= 0)
        );
        INSERT INTO code_sequence (id, next_value) VALUES (1, 0);
        """

    static let createSearchIndex = """
        CREATE TABLE search_documents (
            search_key INTEGER PRIMARY KEY,
            document TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE search_trigrams USING fts5(
            document, content='search_documents', content_rowid='search_key', tokenize='trigram'
        );
        CREATE VIRTUAL TABLE search_bigrams USING fts5(
            bigrams, content='', detail='none', tokenize='ascii'
        );
        CREATE TABLE search_term_counts (
            term TEXT PRIMARY KEY,
            documents INTEGER NOT NULL CHECK (documents >= 0)
        ) WITHOUT ROWID;
        """
}

extension SQLiteSchema {
    /// Name pre-check and reservation: lookups by authority and 字号 pinyin (and key: a key's pinyin is
    /// known, so one index serves both), 字号 substrings
    /// (`zihao_grams`: which longer 字号 contain a given one), recently ended former names (the authority a
    /// name was registered under is kept with it, so they are one index range), reservations.
    static let createNameChecks = """
        CREATE INDEX entities_by_authority_pinyin ON entities(authority, zihao_pinyin, zihao_key, code, name, zihao, name_industry,
            industry_code, industry_section, status, status_changed_on);
        ALTER TABLE name_history ADD COLUMN authority TEXT NOT NULL DEFAULT '';
        UPDATE name_history SET authority = (SELECT e.authority FROM entities e WHERE e.id = name_history.entity_id);
        CREATE INDEX name_history_by_authority_end ON name_history(authority, valid_to, zihao, name_key) WHERE valid_to IS NOT NULL;
        CREATE TABLE zihao_grams (
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            authority TEXT NOT NULL,
            gram TEXT NOT NULL
        );
        CREATE INDEX zihao_grams_by_gram ON zihao_grams(authority, gram);
        CREATE TABLE name_reservations (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL CHECK (name <> ''),
            name_key TEXT NOT NULL,
            zihao TEXT NOT NULL,
            zihao_key TEXT NOT NULL,
            zihao_pinyin TEXT NOT NULL,
            industry_phrase TEXT NOT NULL,
            industry_code TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN (\(entityTypes))),
            authority TEXT NOT NULL CHECK (length(authority) = 6),
            applicant TEXT NOT NULL,
            reserved_on TEXT NOT NULL,
            expires_on TEXT NOT NULL CHECK (expires_on > reserved_on),
            needs_preapproval INTEGER NOT NULL CHECK (needs_preapproval IN (0, 1)),
            state TEXT NOT NULL CHECK (state IN ('active', 'cancelled', 'consumed', 'expired')),
            state_changed_on TEXT
        ) WITHOUT ROWID;
        CREATE INDEX name_reservations_by_authority ON name_reservations(authority, state, expires_on);
        CREATE UNIQUE INDEX name_reservations_one_active_name ON name_reservations(authority, name_key) WHERE state = 'active';
        """
}

extension SQLiteSchema {
    static let departments = "'market','tax','statistics'"

    /// Unified registration: access tokens (hashes only), applications with their form versions and reviews,
    /// idempotency keys, the audit log and the change feed; named counters (application numbers).
    static let createApplications = """
        CREATE TABLE access_tokens (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL CHECK (label <> ''),
            role TEXT NOT NULL CHECK (role IN ('clerk','reviewer.market','reviewer.tax','reviewer.statistics','supervisor','auditor','admin')),
            secret_hash TEXT NOT NULL CHECK (length(secret_hash) = 64),
            created_at TEXT NOT NULL,
            revoked_at TEXT
        );
        CREATE UNIQUE INDEX access_tokens_by_hash ON access_tokens(secret_hash);

        CREATE TABLE counters (
            name TEXT PRIMARY KEY,
            next_value INTEGER NOT NULL CHECK (next_value >= 1)
        ) WITHOUT ROWID;
        INSERT INTO counters (name, next_value) VALUES ('application', 1);

        CREATE TABLE applications (
            number TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('establishment','change','deregistration')),
            state TEXT NOT NULL CHECK (state IN ('under-review','returned','completed')),
            version INTEGER NOT NULL CHECK (version >= 1),
            name TEXT NOT NULL,
            type TEXT NOT NULL CHECK (type IN (\(entityTypes))),
            authority TEXT NOT NULL CHECK (length(authority) = 6),
            reservation_id TEXT REFERENCES name_reservations(id),
            accepted_by TEXT NOT NULL,
            received_at TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            deadline TEXT NOT NULL,
            completed_at TEXT,
            code TEXT,
            CHECK ((state = 'completed') = (code IS NOT NULL AND completed_at IS NOT NULL))
        ) WITHOUT ROWID;
        CREATE INDEX applications_by_state ON applications(state, deadline, number);
        CREATE INDEX applications_by_received ON applications(received_at);
        CREATE INDEX applications_by_completed ON applications(completed_at) WHERE completed_at IS NOT NULL;
        CREATE UNIQUE INDEX applications_one_per_new_code ON applications(code) WHERE kind = 'establishment' AND code IS NOT NULL;
        CREATE INDEX applications_by_code ON applications(code) WHERE code IS NOT NULL;

        CREATE TABLE application_versions (
            number TEXT NOT NULL REFERENCES applications(number),
            version INTEGER NOT NULL CHECK (version >= 1),
            form TEXT NOT NULL CHECK (json_valid(form)),
            submitted_at TEXT NOT NULL,
            PRIMARY KEY (number, version)
        ) WITHOUT ROWID;

        CREATE TABLE application_reviews (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL REFERENCES applications(number),
            version INTEGER NOT NULL,
            department TEXT NOT NULL CHECK (department IN (\(departments))),
            decision TEXT NOT NULL CHECK (decision IN ('approve','return')),
            reasons TEXT NOT NULL CHECK (json_valid(reasons)),
            reviewer TEXT NOT NULL,
            at TEXT NOT NULL,
            FOREIGN KEY (number, version) REFERENCES application_versions(number, version)
        );
        CREATE UNIQUE INDEX application_reviews_one_per_department ON application_reviews(number, version, department)
            WHERE reviewer <> 'system';
        CREATE INDEX application_reviews_by_number ON application_reviews(number, id);
        CREATE INDEX application_reviews_by_time ON application_reviews(at);

        CREATE TABLE idempotency_keys (
            scope TEXT NOT NULL,
            key TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            status INTEGER NOT NULL,
            body BLOB NOT NULL,
            location TEXT,
            created_at TEXT NOT NULL,
            PRIMARY KEY (scope, key)
        ) WITHOUT ROWID;

        CREATE TABLE audit_log (
            sequence INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            request_id TEXT
        );

        CREATE TABLE change_feed (
            sequence INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            code TEXT NOT NULL,
            change TEXT NOT NULL,
            old_values TEXT CHECK (old_values IS NULL OR json_valid(old_values)),
            new_values TEXT NOT NULL CHECK (json_valid(new_values))
        );
        CREATE INDEX change_feed_by_code ON change_feed(code, sequence);
        """
}
