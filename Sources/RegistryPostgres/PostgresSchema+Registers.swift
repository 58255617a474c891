/// Migrations 0011–0013: the registers kept beside the dossiers (registration decisions, 经营异常名录 listings, 简易注销
/// notices), as on SQLite.
extension PostgresSchema {
    /// The entities' 简易注销 notices, each with its objection once one is lodged, as on SQLite.
    static let createDeregistrationNotices = """
        CREATE TABLE deregistration_notices (
            id BIGSERIAL PRIMARY KEY,
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            notice_from TEXT COLLATE "C" NOT NULL CHECK (length(notice_from) = 10),
            filed_by TEXT COLLATE "C" NOT NULL,
            objection_party TEXT COLLATE "C",
            objection_reason TEXT COLLATE "C",
            objected_on TEXT COLLATE "C",
            objection_recorded_by TEXT COLLATE "C",
            CHECK ((objected_on IS NULL) = (objection_party IS NULL)
                   AND (objected_on IS NULL) = (objection_reason IS NULL) AND (objected_on IS NULL) = (objection_recorded_by IS NULL))
        );
        CREATE INDEX deregistration_notices_by_entity ON deregistration_notices(entity_id, id);
        """

    /// The entities' 经营异常名录 listings, each with its removal once it ends, as on SQLite.
    static let createAbnormalListings = """
        CREATE TABLE abnormal_listings (
            id BIGSERIAL PRIMARY KEY,
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            reason TEXT COLLATE "C" NOT NULL CHECK (reason IN ('annual-report-missing','unreachable-at-domicile','name-not-corrected')),
            document_number TEXT COLLATE "C" NOT NULL CHECK (length(document_number) BETWEEN 4 AND 60),
            listed_on TEXT COLLATE "C" NOT NULL CHECK (length(listed_on) = 10),
            listed_by TEXT COLLATE "C" NOT NULL,
            removal_document_number TEXT COLLATE "C",
            removed_on TEXT COLLATE "C",
            removal_reason TEXT COLLATE "C",
            removed_by TEXT COLLATE "C",
            CHECK ((removed_on IS NULL) = (removal_document_number IS NULL)
                   AND (removed_on IS NULL) = (removal_reason IS NULL) AND (removed_on IS NULL) = (removed_by IS NULL)),
            UNIQUE (entity_id, document_number)
        );
        CREATE UNIQUE INDEX abnormal_listings_one_in_force ON abnormal_listings(entity_id, reason) WHERE removed_on IS NULL;
        """

    /// The 吊销, 撤销 and reversal decisions recorded on entities, with the status each found and left, as on SQLite.
    static let createRegistrationDecisions = """
        CREATE TABLE registration_decisions (
            id BIGSERIAL PRIMARY KEY,
            entity_id BIGINT NOT NULL REFERENCES entities(id),
            action TEXT COLLATE "C" NOT NULL CHECK (action IN ('license-revocation','registration-revocation','revocation-reversal')),
            document_number TEXT COLLATE "C" NOT NULL CHECK (length(document_number) BETWEEN 4 AND 60),
            decided_on TEXT COLLATE "C" NOT NULL CHECK (length(decided_on) = 10),
            reason TEXT COLLATE "C" NOT NULL,
            status_before TEXT COLLATE "C" NOT NULL,
            suspended_until_before TEXT COLLATE "C",
            status_after TEXT COLLATE "C" NOT NULL,
            recorded_by TEXT COLLATE "C" NOT NULL,
            recorded_at TEXT COLLATE "C" NOT NULL,
            UNIQUE (entity_id, document_number)
        );
        """
}
