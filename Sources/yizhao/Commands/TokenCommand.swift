import ArgumentParser
import RegistryCore
import RegistryService
import RegistrySQLite
import RegistryStore

/// `yizhao token create|list|revoke`: bearer tokens for the registry's staff (SPEC §6). Secrets are shown
/// once, at creation; the registry keeps only their SHA-256.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke bearer tokens.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    /// The operator at the shell, for the audit log.
    static let actor = Actor(label: "cli", role: "admin", requestID: nil)

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print its secret (once: only its hash is stored).")

        @Option(help: "The role: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
        var role: String

        @Option(help: "A label for people and the audit log, e.g. the counter and clerk.")
        var name: String?

        @Option(help: "A privilege beyond the role (repeatable): personal-ids (auditor only: snapshots with personal ID numbers unmasked).")
        var privilege: [String] = []

        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), not “\(role)”.")
            }
            if let name, name.isEmpty || name.count > 100 { throw ValidationError("--name must be 1–100 characters.") }
            for value in privilege {
                guard let privilege = Privilege(rawValue: value) else {
                    throw ValidationError("--privilege must be one of \(Privilege.allCases.map(\.rawValue).joined(separator: ", ")), not “\(value)”.")
                }
                if privilege == .personalIDs, role != Role.auditor.rawValue {
                    throw ValidationError("--privilege personal-ids is for the auditor role only.")
                }
            }
        }

        func run() async throws {
            try await store.withRegistry { try await create($0) }
        }

        func create<Store: RegistryStore>(_ registry: Store) async throws {
            let desk = AccessDesk(store: registry, now: { RegistryClock.now() })
            let role = Role(rawValue: role)!
            let privileges = Set(privilege.compactMap(Privilege.init(rawValue:)))
            let (token, secret) = try await desk.create(role: role, label: name ?? role.rawValue, privileges: privileges, actor: TokenCommand.actor)
            print(secret)
            let extra = privileges.isEmpty ? "" : " with \(privileges.map(\.rawValue).sorted().joined(separator: ", "))"
            FileOutput.standardError.write("token \(token.id) (\(token.role.rawValue)\(extra), “\(token.label)”) created; the secret above is not stored and is shown only now\n")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens: id, role, label, created, revoked, privileges.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withRegistry { try await list($0) }
        }

        func list<Store: RegistryStore>(_ registry: Store) async throws {
            for token in try await AccessDesk(store: registry, now: { RegistryClock.now() }).list() {
                print([String(token.id), token.role.rawValue, token.label, token.createdAt.description,
                       token.revokedAt.map { "revoked \($0)" } ?? "active",
                       token.privileges.isEmpty ? "-" : token.privileges.map(\.rawValue).sorted().joined(separator: ",")].joined(separator: "\t"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by id; it stops working at once.")

        @Argument(help: "The token id (from `yizhao token list`).")
        var id: Int64

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withRegistry { try await revoke($0) }
        }

        func revoke<Store: RegistryStore>(_ registry: Store) async throws {
            let desk = AccessDesk(store: registry, now: { RegistryClock.now() })
            let token: AccessToken
            do {
                token = try await desk.revoke(id: id, actor: TokenCommand.actor)
            } catch {
                throw CommandFailure(message: String(describing: error))  // e.g. "no access token with id 9"
            }
            print("\(token.id)\trevoked \(token.revokedAt?.description ?? "")")
        }
    }
}
