import GRDB
import RegistryCore
import RegistryStore

extension SQLiteRegistryStore {
    public func nameCandidates(_ query: NameCandidateQuery) async throws(StoreError) -> [NameCandidate] {
        try await read { db in try NameCandidateReader.candidates(db, query) }
    }

    public func reserveName(_ reservation: NameReservation, query: NameCandidateQuery,
                            decide: @escaping @Sendable ([NameCandidate]) -> NameCheckResult, allowingWarnings: Bool, actor: Actor,
                            at instant: Instant,
                            idempotency: Idempotent<NameReservationOutcome>?) async throws(StoreError) -> Replayable<NameReservationOutcome> {
        try await idempotentWrite(idempotency, at: instant, retiringSearchPages: false) { db in
            // Expired reservations of this authority stop holding their names (and the unique index).
            try db.cachedStatement(sql: """
                UPDATE name_reservations SET state = 'expired', state_changed_on = expires_on
                WHERE authority = ? AND state = 'active' AND expires_on <= ?
                """).execute(arguments: [query.authority.description, query.today.description])
            let check = decide(try NameCandidateReader.candidates(db, query))
            guard check.verdict == .available || (check.verdict == .warning && allowingWarnings) else {
                return NameReservationOutcome(check: check, reservation: nil)
            }
            try NameReservationRecord.insert(db, reservation, nameKey: query.nameKey)
            try JournalWriter.audit(db, actor, action: "name.reserve", target: "reservation:\(reservation.id)", at: instant)
            return NameReservationOutcome(check: check, reservation: reservation)
        }
    }

    public func nameReservation(id: String) async throws(StoreError) -> NameReservation? {
        try await read { db in try NameReservationRecord.fetch(db, id: id) }
    }

    public func cancelNameReservation(id: String, actor: Actor, at instant: Instant,
                                      idempotency: Idempotent<NameReservation>?) async throws(StoreError) -> Replayable<NameReservation> {
        let day = instant.chinaDay
        return try await idempotentWrite(idempotency, at: instant, retiringSearchPages: false) { db in
            guard let reservation = try NameReservationRecord.fetch(db, id: id) else { throw StoreError.reservationNotFound(id) }
            let state = reservation.state(on: day)
            guard state == .active else {
                throw StoreError.invalidState("name reservation \(id) is \(state.rawValue); only an active reservation can be cancelled")
            }
            try db.cachedStatement(sql: "UPDATE name_reservations SET state = 'cancelled', state_changed_on = ? WHERE id = ?")
                .execute(arguments: [day.description, id])
            guard let cancelled = try NameReservationRecord.fetch(db, id: id) else { throw StoreError.reservationNotFound(id) }
            try JournalWriter.audit(db, actor, action: "name.cancel", target: "reservation:\(id)", at: instant)
            return cancelled
        }
    }
}
