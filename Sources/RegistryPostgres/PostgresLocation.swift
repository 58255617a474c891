import Foundation
import PostgresNIO
import RegistryStore

/// Where a PostgreSQL registry lives, parsed from a connection URL:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` (a loopback or remote server, TLS off unless
/// `?sslmode=require`), or `postgres:///DATABASE?host=/path/to/socket/dir&user=USER` (a unix socket).
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// The server's host name or address; nil for a unix socket.
    public var host: String?
    /// The TCP port.
    public var port: Int
    /// The directory holding the server's unix socket (`.s.PGSQL.PORT`), when connecting through one.
    public var socketDirectory: String?
    /// The role to log in as.
    public var user: String
    /// Its password, if the server asks for one.
    public var password: String?
    /// The database.
    public var database: String
    /// Whether to require TLS.
    public var requireTLS: Bool

    /// Parses a connection URL; the error names what is wrong with it.
    public init(url text: String) throws(StoreError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme,
              scheme == "postgres" || scheme == "postgresql" else {
            throw StoreError.backend("not a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE): \(text)")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !database.isEmpty else { throw StoreError.backend("the PostgreSQL URL names no database: \(text)") }
        self.database = database
        user = components.user ?? query["user"] ?? "postgres"
        password = components.password ?? query["password"]
        port = components.port ?? query["port"].flatMap { Int($0) } ?? 5432
        requireTLS = query["sslmode"] == "require"
        if let socket = query["host"], socket.hasPrefix("/") {
            socketDirectory = socket
            host = nil
        } else {
            guard let host = components.host ?? query["host"], !host.isEmpty else {
                throw StoreError.backend("the PostgreSQL URL names no host (or ?host=/socket/dir): \(text)")
            }
            self.host = host
            socketDirectory = nil
        }
    }

    /// The same server, another database.
    public func with(database: String) -> PostgresLocation {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL without the password.
    public var description: String {
        let credentials = user + (password == nil ? "" : ":***")
        if let socketDirectory { return "postgres://\(credentials)@/\(database)?host=\(socketDirectory)&port=\(port)" }
        return "postgres://\(credentials)@\(host ?? ""):\(port)/\(database)"
    }

    /// The client configuration for this location.
    public func clientConfiguration(connections: Int) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketDirectory {
            configuration = .init(unixSocketPath: socketDirectory + "/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            configuration = .init(host: host ?? "localhost", port: port, username: user, password: password, database: database,
                                  tls: requireTLS ? .require(.makeClientConfiguration()) : .disable)
        }
        configuration.options.maximumConnections = connections
        configuration.options.minimumConnections = 0
        // No parallel plans: search pages read their tiers in order and stop at a full page (`PostgresSearch`), and
        // the registry's statements are short; parallel workers would only add start-up cost. (plan_cache_mode stays
        // `auto`: forcing generic plans would reach the unnamed statements too, and search needs its LIKE patterns
        // planned with their values to use the trigram index.)
        configuration.options.additionalStartupParameters = [("application_name", "yizhao"), ("options", "-c max_parallel_workers_per_gather=0")]
        return configuration
    }
}
