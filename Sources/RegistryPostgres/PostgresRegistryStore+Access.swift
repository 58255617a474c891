import PostgresNIO
import RegistryCore
import RegistryStore

extension PostgresRegistryStore {
    public func createToken(label: String, role: Role, privileges: Set<Privilege>, secretHash: String, at instant: Instant,
                            actor: Actor) async throws(StoreError) -> AccessToken {
        let privilegeList = privileges.map(\.rawValue).sorted().joined(separator: ",")
        return try await idempotentWrite(nil as Idempotent<AccessToken>?, at: instant) { connection, journal, logger in
            var insert = SQLStatement("INSERT INTO access_tokens (label, role, privileges, secret_hash, created_at) VALUES (")
            insert.append([insert.bind(label), insert.bind(role.rawValue), insert.bind(privilegeList), insert.bind(secretHash),
                           insert.bind(instant.description)].joined(separator: ", ") + ") RETURNING id")
            guard let id = try await connection.firstRow(insert, logger: logger)?.int64("id") else { throw StoreError.backend("no token id") }
            journal.audit(actor, action: "token.create.\(role.rawValue)" + (privilegeList.isEmpty ? "" : "+\(privilegeList)"), target: "token:\(id)",
                          at: instant)
            return AccessToken(id: id, label: label, role: role, privileges: privileges, secretHash: secretHash, createdAt: instant, revokedAt: nil)
        }.freshValue
    }

    public func accessToken(secretHash: String) async throws(StoreError) -> AccessToken? {
        try await read { connection, logger in
            var select = SQLStatement("SELECT * FROM access_tokens WHERE secret_hash = ")
            select.append(select.bind(secretHash))
            return try await connection.firstRow(select, logger: logger).map(Self.token)
        }
    }

    public func accessTokens() async throws(StoreError) -> [AccessToken] {
        try await read { connection, logger in
            try await connection.rows(SQLStatement("SELECT * FROM access_tokens ORDER BY id"), logger: logger).map(Self.token)
        }
    }

    public func revokeToken(id: Int64, at instant: Instant, actor: Actor) async throws(StoreError) -> AccessToken {
        try await idempotentWrite(nil as Idempotent<AccessToken>?, at: instant) { connection, journal, logger in
            var select = SQLStatement("SELECT * FROM access_tokens WHERE id = ")
            select.append(select.bind(id) + " FOR UPDATE")
            guard let row = try await connection.firstRow(select, logger: logger) else { throw StoreError.tokenNotFound(id) }
            var token = try Self.token(row)
            guard token.revokedAt == nil else { return token }
            var update = SQLStatement("UPDATE access_tokens SET revoked_at = ")
            update.append(update.bind(instant.description) + " WHERE id = " + update.bind(id))
            try await connection.run(update, logger: logger)
            journal.audit(actor, action: "token.revoke", target: "token:\(id)", at: instant)
            token.revokedAt = instant
            return token
        }.freshValue
    }

    static func token(_ row: ResultRow) throws -> AccessToken {
        let privileges = try row.text("privileges")
        return AccessToken(
            id: try row.int64("id"), label: try row.text("label"), role: try row.parse("role", Role.init(rawValue:)),
            privileges: Set(try privileges.split(separator: ",").map { part in
                guard let privilege = Privilege(rawValue: String(part)) else { throw StoreError.backend("corrupt privileges: \(privileges)") }
                return privilege
            }),
            secretHash: try row.text("secret_hash"), createdAt: try row.parse("created_at", Instant.init(iso:)),
            revokedAt: try row.parseOptional("revoked_at", Instant.init(iso:)))
    }
}
