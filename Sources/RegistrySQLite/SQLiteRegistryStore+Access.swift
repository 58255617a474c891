import GRDB
import RegistryCore
import RegistryStore

extension SQLiteRegistryStore {
    public func createToken(label: String, role: Role, privileges: Set<Privilege>, secretHash: String, at instant: Instant,
                            actor: Actor) async throws(StoreError) -> AccessToken {
        let privilegeList = privileges.map(\.rawValue).sorted().joined(separator: ",")
        return try await write(retiringSearchPages: false) { db in
            try db.cachedStatement(sql: "INSERT INTO access_tokens (label, role, privileges, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [label, role.rawValue, privilegeList, secretHash, instant.description])
            let id = db.lastInsertedRowID
            let action = "token.create.\(role.rawValue)" + (privilegeList.isEmpty ? "" : "+\(privilegeList)")
            try JournalWriter.audit(db, actor, action: action, target: "token:\(id)", at: instant)
            return AccessToken(id: id, label: label, role: role, privileges: privileges, secretHash: secretHash, createdAt: instant, revokedAt: nil)
        }
    }

    public func accessToken(secretHash: String) async throws(StoreError) -> AccessToken? {
        try await read { db in
            try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM access_tokens WHERE secret_hash = ?"), arguments: [secretHash]).map(Self.token)
        }
    }

    public func accessTokens() async throws(StoreError) -> [AccessToken] {
        try await read { db in try Row.fetchAll(try db.cachedStatement(sql: "SELECT * FROM access_tokens ORDER BY id")).map(Self.token) }
    }

    public func revokeToken(id: Int64, at instant: Instant, actor: Actor) async throws(StoreError) -> AccessToken {
        try await write(retiringSearchPages: false) { db in
            guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM access_tokens WHERE id = ?"), arguments: [id]) else {
                throw StoreError.tokenNotFound(id)
            }
            var token = try Self.token(row)
            guard token.revokedAt == nil else { return token }
            try db.cachedStatement(sql: "UPDATE access_tokens SET revoked_at = ? WHERE id = ?")
                .execute(arguments: [instant.description, id])
            try JournalWriter.audit(db, actor, action: "token.revoke", target: "token:\(id)", at: instant)
            token.revokedAt = instant
            return token
        }
    }

    static func token(_ row: Row) throws -> AccessToken {
        let revoked: String? = row["revoked_at"]
        let privileges: String = row["privileges"]
        return AccessToken(
            id: row["id"], label: row["label"], role: try ApplicationRecord.parse(Role(rawValue: row["role"]), "role"),
            privileges: Set(try privileges.split(separator: ",").map { try ApplicationRecord.parse(Privilege(rawValue: String($0)), "privileges") }),
            secretHash: row["secret_hash"], createdAt: try ApplicationRecord.parse(Instant(iso: row["created_at"]), "created_at"),
            revokedAt: try revoked.map { try ApplicationRecord.parse(Instant(iso: $0), "revoked_at") })
    }
}
