import PostgresNIO
import RegistryCore
import RegistryStore

/// Changes to a registered entity inside the caller's transaction (which holds the entity's row lock):
/// renames (the old name stays in the history and the search index), item changes with a new license
/// version, status changes.
enum PostgresEntityChanges {
    static func rename(_ connection: PostgresConnection, id: Int64, entity: inout MarketEntity, to name: String, parts: NameParts,
                       on date: CalendarDate, logger: Logger) async throws {
        guard entity.status.isActive else {
            throw StoreError.invalidState("\(entity.code) is \(entity.status.display); only an existing entity can be renamed")
        }
        guard name != entity.name else { throw StoreError.invalidState("\(entity.code) already has the name \(name)") }
        let key = SearchKey.make(entityID: id, active: entity.status.isActive, establishedOn: entity.establishedOn)
        let tables = HanTables.standard
        var close = SQLStatement("UPDATE name_history SET valid_to = greatest(valid_from, ")
        close.append(close.bind(date.adding(days: -1).description) + ") WHERE entity_id = " + close.bind(id) + " AND valid_to IS NULL")
        try await connection.run(close, logger: logger)
        var names = RowSet("name_history", DossierRows.nameColumns)
        names.append(DossierRows.name(NameRecord(name: name, zihao: parts.zihao, validFrom: date, validTo: nil), entityID: id, authority: entity.authority))
        var update = SQLStatement("UPDATE entities SET ")
        update.append(["name = " + update.bind(name), "zihao = " + update.bind(parts.zihao), "name_region = " + update.bind(parts.region),
                       "name_industry = " + update.bind(parts.industry), "name_form = " + update.bind(parts.form),
                       "zihao_key = " + update.bind(SearchText.normalize(parts.zihao)), "zihao_pinyin = " + update.bind(tables.pinyinKey(parts.zihao)),
                       "zihao_initials = " + update.bind(tables.initialsKey(parts.zihao)), "name_shown_as_code = false"].joined(separator: ", "))
        update.append(" WHERE id = " + update.bind(id))
        try await connection.run(update, logger: logger)
        if let insert = RowSet.insertAll([names]) { try await connection.run(insert, logger: logger) }
        // 字号 grams: the old ones out, the new ones in.
        var deleteGrams = SQLStatement("DELETE FROM zihao_grams WHERE entity_id = ")
        deleteGrams.append(deleteGrams.bind(id))
        try await connection.run(deleteGrams, logger: logger)
        var grams = RowSet("zihao_grams", ["entity_id", "authority", "gram"])
        for gram in DossierRows.zihaoGrams(of: SearchText.normalize(parts.zihao)) {
            grams.append([.integer(id), .text(entity.authority.description), .text(gram)])
        }
        entity.name = name
        entity.nameParts = parts
        entity.nameShownAsCode = false
        var history = SQLStatement("SELECT name FROM name_history WHERE entity_id = ")
        history.append(history.bind(id) + " ORDER BY valid_from, valid_to IS NULL, name")
        let document = SearchText.document(names: try await connection.rows(history, logger: logger).map { try $0.text("name") })
        try await PostgresSearchIndex.replace(connection, key: key, newKey: key, document: document, logger: logger, also: [grams])
    }

    /// Issues the next license version with `entity`'s current items.
    static func issueLicense(_ connection: PostgresConnection, id: Int64, entity: MarketEntity, on date: CalendarDate, logger: Logger) async throws {
        var next = SQLStatement("SELECT coalesce(max(version), 0) + 1 AS v FROM business_licenses WHERE entity_id = ")
        next.append(next.bind(id))
        let version = try await connection.firstRow(next, logger: logger)?.int("v") ?? 1
        var licenses = RowSet("business_licenses", DossierRows.licenseColumns)
        licenses.append(DossierRows.license(BusinessLicense(entity: entity, version: version, issuedOn: date), entityID: id))
        if let insert = RowSet.insertAll([licenses]) { try await connection.run(insert, logger: logger) }
    }

    /// Applies a change registration on `date`: every changed item, one new license version. `parts` are the
    /// new name's parts when the name changes.
    static func apply(_ connection: PostgresConnection, _ change: ChangeForm, parts: NameParts?, on date: CalendarDate, logger: Logger) async throws {
        let (id, dossier) = try await PostgresDossierReader.load(connection, change.code, logger: logger, lock: true)
        var entity = dossier.entity
        guard entity.status.isActive else {
            throw StoreError.invalidState("\(change.code) is \(entity.status.display); only an existing entity registers changes")
        }
        if let name = change.name, let parts { try await rename(connection, id: id, entity: &entity, to: name, parts: parts, on: date, logger: logger) }
        if let domicile = change.domicile { entity.domicile = domicile }
        if let person = change.legalRepresentative { entity.legalRepresentative = person }
        if let capital = change.registeredCapitalYuan { entity.registeredCapitalYuan = capital }
        if let scope = change.businessScope { entity.businessScope = scope }
        var update = SQLStatement("UPDATE entities SET ")
        update.append(["domicile = " + update.bind(entity.domicile), "legal_representative = " + update.bind(entity.legalRepresentative.name),
                       "legal_representative_id = " + update.bind(entity.legalRepresentative.idNumber),
                       "registered_capital_yuan = " + update.bind(entity.registeredCapitalYuan),
                       "business_scope = " + update.bind(entity.businessScope)].joined(separator: ", "))
        update.append(" WHERE id = " + update.bind(id))
        try await connection.run(update, logger: logger)
        try await issueLicense(connection, id: id, entity: entity, on: date, logger: logger)
    }

    /// Files a status filing on `date` (歇业, its extension, 恢复营业, 清算组备案) for the locked entity; returns the
    /// change-feed label.
    static func file(_ connection: PostgresConnection, id: Int64, dossier: EntityDossier, _ filing: StatusFiling, on date: CalendarDate,
                     logger: Logger) async throws -> String {
        let outcome = try StatusFilingOutcome(of: filing, on: dossier.entity, day: date)
        try await setStatus(connection, id: id, dossier: dossier, to: outcome.status, suspendedUntil: outcome.suspendedUntil, on: date, logger: logger)
        return outcome.change
    }

    /// Sets the entity's status on `date`, re-ranking it in search (active entities rank first); `suspendedUntil` is
    /// the last day of a 歇业 (nil for every other status). The same status with a later last day extends a
    /// suspension: only that day changes.
    static func setStatus(_ connection: PostgresConnection, id: Int64, dossier: EntityDossier, to status: EntityStatus,
                          suspendedUntil: CalendarDate? = nil, on date: CalendarDate, logger: Logger) async throws {
        let code = dossier.entity.code
        guard (status == .suspended) == (suspendedUntil != nil) else { throw StoreError.invalidState("a suspension, and only one, has a last day") }
        if dossier.entity.status == status, status == .suspended, suspendedUntil != dossier.entity.suspendedUntil {
            var extend = SQLStatement("UPDATE entities SET suspended_until = ")
            extend.append(extend.bind(suspendedUntil?.description) + " WHERE id = " + extend.bind(id))
            try await connection.run(extend, logger: logger)
            return
        }
        guard dossier.entity.status != status else { throw StoreError.invalidState("\(code) is already \(status.display)") }
        var changed = dossier.entity
        changed.status = status
        changed.statusChangedOn = date
        let oldKey = SearchKey.make(entityID: id, active: dossier.entity.status.isActive, establishedOn: dossier.entity.establishedOn)
        let newKey = SearchKey.make(entityID: id, active: changed.status.isActive, establishedOn: changed.establishedOn)
        var update = SQLStatement("UPDATE entities SET status = ")
        update.append(update.bind(status.display) + ", status_changed_on = " + update.bind(date.description) + ", search_key = "
                      + update.bind(newKey) + ", suspended_until = " + update.bind(suspendedUntil?.description) + " WHERE id = " + update.bind(id))
        try await connection.run(update, logger: logger)
        if oldKey != newKey {
            try await PostgresSearchIndex.rekey(connection, from: oldKey, to: newKey,
                                                fallbackDocument: SearchText.document(names: dossier.names.map(\.name)), logger: logger)
        }
    }
}
