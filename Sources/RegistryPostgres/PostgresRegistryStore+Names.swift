import PostgresNIO
import RegistryCore
import RegistryStore

extension PostgresRegistryStore {
    public func nameCandidates(_ query: NameCandidateQuery) async throws(StoreError) -> [NameCandidate] {
        try await transaction(.repeatableRead) { connection, logger in try await PostgresNameCandidates.candidates(connection, query, logger: logger) }
    }

    /// Check-and-reserve in one transaction, holding the name's locks (`PostgresNameLocks`) from before the
    /// candidates are read until commit: two counters reserving conflicting names never both succeed.
    public func reserveName(_ reservation: NameReservation, query: NameCandidateQuery,
                            decide: @escaping @Sendable ([NameCandidate]) -> NameCheckResult, allowingWarnings: Bool, actor: Actor,
                            at instant: Instant,
                            idempotency: Idempotent<NameReservationOutcome>?) async throws(StoreError) -> Replayable<NameReservationOutcome> {
        try await idempotentWrite(idempotency, at: instant) { connection, journal, logger in
            try await PostgresNameLocks.lock(connection, query, logger: logger)
            // Expired reservations of this authority stop holding their names (and the unique index).
            var expire = SQLStatement("UPDATE name_reservations SET state = 'expired', state_changed_on = expires_on WHERE authority = ")
            expire.append(expire.bind(query.authority.description) + " AND state = 'active' AND expires_on <= " + expire.bind(query.today.description))
            try await connection.run(expire, logger: logger)
            let check = decide(try await PostgresNameCandidates.candidates(connection, query, logger: logger))
            guard check.verdict == .available || (check.verdict == .warning && allowingWarnings) else {
                return NameReservationOutcome(check: check, reservation: nil)
            }
            try await PostgresNameReservations.insert(connection, reservation, nameKey: query.nameKey, logger: logger)
            journal.audit(actor, action: "name.reserve", target: "reservation:\(reservation.id)", at: instant)
            return NameReservationOutcome(check: check, reservation: reservation)
        }
    }

    public func nameReservation(id: String) async throws(StoreError) -> NameReservation? {
        try await read { connection, logger in try await PostgresNameReservations.fetch(connection, id: id, logger: logger) }
    }

    public func cancelNameReservation(id: String, actor: Actor, at instant: Instant,
                                      idempotency: Idempotent<NameReservation>?) async throws(StoreError) -> Replayable<NameReservation> {
        let day = instant.chinaDay
        return try await idempotentWrite(idempotency, at: instant) { connection, journal, logger in
            var lock = SQLStatement("SELECT id FROM name_reservations WHERE id = ")
            lock.append(lock.bind(id) + " FOR UPDATE")
            _ = try await connection.firstRow(lock, logger: logger)
            guard let reservation = try await PostgresNameReservations.fetch(connection, id: id, logger: logger) else {
                throw StoreError.reservationNotFound(id)
            }
            let state = reservation.state(on: day)
            guard state == .active else {
                throw StoreError.invalidState("name reservation \(id) is \(state.rawValue); only an active reservation can be cancelled")
            }
            var cancel = SQLStatement("UPDATE name_reservations SET state = 'cancelled', state_changed_on = ")
            cancel.append(cancel.bind(day.description) + " WHERE id = " + cancel.bind(id))
            try await connection.run(cancel, logger: logger)
            guard let cancelled = try await PostgresNameReservations.fetch(connection, id: id, logger: logger) else {
                throw StoreError.reservationNotFound(id)
            }
            journal.audit(actor, action: "name.cancel", target: "reservation:\(id)", at: instant)
            return cancelled
        }
    }
}
