/// A dossier and its register records as snapshot rows: what the change feed's `newValues` contribute to each file.
/// Applying a feed to a snapshot replaces an entity's rows with these (the feed-replay test checks the result against
/// a later snapshot).
public enum SnapshotRows {
    /// The rows of `dossier` in `table`, in file order (none for the tables that are not dossier tables).
    public static func rows(of dossier: EntityDossier, in table: SnapshotTable) -> [[SnapshotValue]] {
        let code = SnapshotValue.text(dossier.entity.code.rawValue)
        switch table {
        case .entities:
            let entity = dossier.entity
            return [[code, .text(entity.name), .text(entity.nameParts.zihao), .text(entity.nameParts.region), .text(entity.nameParts.industry),
                     .text(entity.nameParts.form), .text(entity.type.rawValue), .text(entity.status.display), .text(entity.authority.description),
                     .text(entity.domicile), .text(entity.legalRepresentative.name), .text(entity.legalRepresentative.idNumber),
                     optional(entity.registeredCapitalYuan), .text(entity.businessScope), .text(entity.industry.rawValue),
                     .text(entity.establishedOn.description), optional(entity.operatingTermEnd?.description),
                     optional(entity.statusChangedOn?.description), .integer(entity.nameShownAsCode ? 1 : 0),
                     optional(entity.suspendedUntil?.description)]]
        case .licenses:
            return dossier.licenses.sorted { $0.version < $1.version }.map { license in
                [code, .integer(Int64(license.version)), .text(license.issuedOn.description), .text(license.name), .text(license.type.rawValue),
                 .text(license.legalRepresentative), optional(license.registeredCapitalYuan), .text(license.domicile),
                 .text(license.businessScope), .text(license.authority.description), .text(license.establishedOn.description)]
            }
        case .tax:
            return dossier.tax.map { tax in
                [[code, .text(tax.taxAuthority), .text(tax.financeOfficer.name), .text(tax.financeOfficer.idNumber), .text(tax.taxHandler.name),
                  .text(tax.taxHandler.idNumber), .text(tax.accountingMethod.rawValue), .integer(Int64(tax.headcount)),
                  .text(tax.registeredOn.description)]]
            } ?? []
        case .statistics:
            return dossier.statistics.map { statistics in
                [[code, .text(statistics.industry.rawValue), .text(statistics.mainActivity), .integer(Int64(statistics.employees)),
                  .text(statistics.registeredOn.description)]]
            } ?? []
        case .names:
            return dossier.names.sorted(by: nameOrder).map { name in
                [code, .text(name.name), .text(name.zihao), .text(name.validFrom.description), optional(name.validTo?.description)]
            }
        case .decisions, .abnormalListings, .notices:
            return []
        }
    }

    /// The rows of an entity's register records in `table`, in file order (by id; none for the dossier tables): what
    /// a change-feed entry's `registers` contribute to the register files.
    public static func rows(of registers: EntityRegisters, code: CreditCode, in table: SnapshotTable) -> [[SnapshotValue]] {
        let code = SnapshotValue.text(code.rawValue)
        switch table {
        case .entities, .licenses, .tax, .statistics, .names:
            return []
        case .decisions:
            return registers.decisions.sorted { $0.id < $1.id }.map { record in
                let decision = record.decision
                return [code, .integer(record.id), .text(decision.action.rawValue), .text(decision.documentNumber), .text(decision.decidedOn.description),
                        .text(decision.reason), .text(record.statusBefore.display), optional(record.suspendedUntilBefore?.description),
                        .text(record.statusAfter.display), .text(record.recordedBy), .text(record.recordedAt.description)]
            }
        case .abnormalListings:
            return registers.abnormalListings.sorted { $0.id < $1.id }.map { listing in
                [code, .integer(listing.id), .text(listing.reason.rawValue), .text(listing.documentNumber), .text(listing.listedOn.description),
                 .text(listing.listedBy), optional(listing.removal?.documentNumber), optional(listing.removal?.removedOn.description),
                 optional(listing.removal?.reason), optional(listing.removal?.recordedBy)]
            }
        case .notices:
            return registers.notices.sorted { $0.id < $1.id }.map { notice in
                [code, .integer(notice.id), .text(notice.from.description), .text(notice.filedBy), optional(notice.objection?.party),
                 optional(notice.objection?.reason), optional(notice.objection?.objectedOn.description), optional(notice.objection?.recordedBy)]
            }
        }
    }

    /// Name periods in file order: by first day, then by name (UTF-8 byte order) — the order of the table's key,
    /// so the export reads it without sorting.
    public static func nameOrder(_ a: NameRecord, _ b: NameRecord) -> Bool {
        if a.validFrom != b.validFrom { return a.validFrom < b.validFrom }
        return Array(a.name.utf8).lexicographicallyPrecedes(Array(b.name.utf8))
    }

    static func optional(_ value: Int64?) -> SnapshotValue { value.map(SnapshotValue.integer) ?? .null }
    static func optional(_ value: String?) -> SnapshotValue { value.map(SnapshotValue.text) ?? .null }
}
