import GRDB
import RegistryCore
import RegistryStore

/// Changes to a registered entity inside the caller's write transaction: renames (the old name stays in the
/// history and the search index), item changes with a new license version, status changes.
enum EntityChanges {
    /// Renames the entity with row `id` on `date` (name history, name columns, 字号 grams, search index); no
    /// license version (the caller issues one with all of a change's items).
    static func rename(_ db: Database, id: Int64, entity: inout MarketEntity, to name: String, parts: NameParts, on date: CalendarDate) throws {
        guard entity.status.isActive else {
            throw StoreError.invalidState("\(entity.code) is \(entity.status.display); only an existing entity can be renamed")
        }
        guard name != entity.name else { throw StoreError.invalidState("\(entity.code) already has the name \(name)") }
        let key = EntityWriter.searchKey(id: id, entity: entity)
        let tables = HanTables.standard
        try db.cachedStatement(sql: "UPDATE name_history SET valid_to = max(valid_from, ?) WHERE entity_id = ? AND valid_to IS NULL")
            .execute(arguments: [date.adding(days: -1).description, id])
        try FormerNameKeys.recordEnded(db, entityID: id)
        try EntityWriter.insertName(db, entityID: id, authority: entity.authority, NameRecord(name: name, zihao: parts.zihao, validFrom: date, validTo: nil))
        try db.cachedStatement(sql: """
            UPDATE entities SET name = ?, zihao = ?, name_region = ?, name_industry = ?, name_form = ?,
                zihao_key = ?, zihao_pinyin = ?, zihao_initials = ?, name_shown_as_code = 0 WHERE id = ?
            """).execute(arguments: [name, parts.zihao, parts.region, parts.industry, parts.form,
                                     SearchText.normalize(parts.zihao), tables.pinyinKey(parts.zihao), tables.initialsKey(parts.zihao), id])
        try ZihaoGrams.replace(db, entityID: id, authority: entity.authority.description,
                               oldZihaoKey: SearchText.normalize(entity.nameParts.zihao), zihaoKey: SearchText.normalize(parts.zihao))
        entity.name = name
        entity.nameParts = parts
        entity.nameShownAsCode = false
        try SearchIndexWriter.remove(db, key: key)
        let names = try String.fetchAll(try db.cachedStatement(sql: "SELECT name FROM name_history WHERE entity_id = ? ORDER BY valid_from, valid_to IS NULL, name"),
                                        arguments: [id])
        try SearchIndexWriter.add(db, key: key, document: SearchText.document(names: names, tables: tables))
    }

    /// Issues the next license version with `entity`'s current items.
    static func issueLicense(_ db: Database, id: Int64, entity: MarketEntity, on date: CalendarDate) throws {
        let version = try Int.fetchOne(try db.cachedStatement(sql: "SELECT coalesce(max(version), 0) + 1 FROM business_licenses WHERE entity_id = ?"),
                                       arguments: [id]) ?? 1
        try EntityWriter.insertLicense(db, entityID: id, BusinessLicense(entity: entity, version: version, issuedOn: date))
    }

    /// Applies a change registration on `date`: every changed item, one new license version. `parts` are the
    /// new name's parts when the name changes.
    static func apply(_ db: Database, _ change: ChangeForm, parts: NameParts?, on date: CalendarDate) throws {
        let id = try SQLiteRegistryStore.entityID(db, change.code)
        var entity = try SQLiteRegistryStore.load(db, change.code).entity
        guard entity.status.isActive else {
            throw StoreError.invalidState("\(change.code) is \(entity.status.display); only an existing entity registers changes")
        }
        if let name = change.name, let parts { try rename(db, id: id, entity: &entity, to: name, parts: parts, on: date) }
        if let domicile = change.domicile { entity.domicile = domicile }
        if let person = change.legalRepresentative { entity.legalRepresentative = person }
        if let capital = change.registeredCapitalYuan { entity.registeredCapitalYuan = capital }
        if let scope = change.businessScope { entity.businessScope = scope }
        try db.cachedStatement(sql: """
            UPDATE entities SET domicile = ?, legal_representative = ?, legal_representative_id = ?, registered_capital_yuan = ?,
                business_scope = ? WHERE id = ?
            """).execute(arguments: [entity.domicile, entity.legalRepresentative.name, entity.legalRepresentative.idNumber,
                                     entity.registeredCapitalYuan, entity.businessScope, id])
        try issueLicense(db, id: id, entity: entity, on: date)
    }

    /// Files a status filing on `date` (歇业, its extension, 恢复营业, 清算组备案) for `entity` as the transaction read it;
    /// returns the change-feed label.
    static func file(_ db: Database, _ filing: StatusFiling, entity: MarketEntity, on date: CalendarDate) throws -> String {
        let outcome = try StatusFilingOutcome(of: filing, on: entity, day: date)
        try setStatus(db, filing.code, to: outcome.status, suspendedUntil: outcome.suspendedUntil, on: date)
        return outcome.change
    }

    /// Sets the entity's status on `date`, re-ranking it in search (active entities rank first); `suspendedUntil` is
    /// the last day of a 歇业 (nil for every other status). The same status with a later last day extends a
    /// suspension: only that day changes.
    static func setStatus(_ db: Database, _ code: CreditCode, to status: EntityStatus, suspendedUntil: CalendarDate? = nil,
                          on date: CalendarDate) throws {
        let dossier = try SQLiteRegistryStore.load(db, code)
        let id = try SQLiteRegistryStore.entityID(db, code)
        guard (status == .suspended) == (suspendedUntil != nil) else { throw StoreError.invalidState("a suspension, and only one, has a last day") }
        if dossier.entity.status == status, status == .suspended, suspendedUntil != dossier.entity.suspendedUntil {
            try db.cachedStatement(sql: "UPDATE entities SET suspended_until = ? WHERE id = ?").execute(arguments: [suspendedUntil?.description, id])
            return
        }
        guard dossier.entity.status != status else { throw StoreError.invalidState("\(code) is already \(status.display)") }
        var changed = dossier.entity
        changed.status = status
        changed.statusChangedOn = date
        let oldKey = EntityWriter.searchKey(id: id, entity: dossier.entity)
        let newKey = EntityWriter.searchKey(id: id, entity: changed)
        let document = try String.fetchOne(try db.cachedStatement(sql: "SELECT document FROM search_documents WHERE search_key = ?"), arguments: [oldKey])
            ?? SearchText.document(names: dossier.names.map(\.name))
        try SearchIndexWriter.remove(db, key: oldKey)
        try db.cachedStatement(sql: "UPDATE entities SET status = ?, status_changed_on = ?, search_key = ?, suspended_until = ? WHERE id = ?")
            .execute(arguments: [status.display, date.description, newKey, suspendedUntil?.description, id])
        try SearchIndexWriter.add(db, key: newKey, document: document)
    }
}
