import ArgumentParser
import Foundation
import RegistryCore
import RegistryService
import RegistryStore

/// `yizhao license show CODE` and `yizhao license verify FILE`: electronic licenses from the shell.
struct LicenseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "license",
        abstract: "Print a signed electronic license, or verify one.",
        subcommands: [Show.self, Verify.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an entity's current license, signed with the registry's key (JSON), while it is in force (not once 吊销, 注销, 撤销 or 迁出).")

        @Argument(help: "The unified social credit code.")
        var code: String

        @Option(help: "The registry's key file. Default: the database path + .key.")
        var key: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard let code = try? CreditCode(validating: code) else { throw ValidationError("“\(self.code)” is not a valid unified social credit code.") }
            let signer = try RegistryKeyFile.signer(at: key ?? RegistryKeyFile.defaultPath(forDatabase: store.sidecarBase), create: true)
            switch try await store.withRegistry({ try await Self.license($0, code: code, signer: signer) }) {
            case .found(let license): print(try LicenseCommand.json(license))
            case .notInForce(let status, let since): throw CommandFailure(message: LicenseLookup.notInForceDetail(code, status, since: since))
            case .noEntity: throw CommandFailure(message: "no entity has the code \(code)")
            }
        }

        static func license<Store: RegistryStore>(_ registry: Store, code: CreditCode, signer: LicenseSigner) async throws -> LicenseLookup {
            try await LicenseDesk(store: registry, signer: signer).license(code: code)
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a signed license file: exit 0 when valid, 1 when not.",
            discussion: """
                With --public-key the check is offline: the signature, the key and the items. Otherwise the registry at \
                --db is consulted: its key, and whether this is the entity's current license and still in force (not once the \
                entity is 吊销, 注销, 撤销 or 迁出).
                """)

        @Argument(help: "The license JSON (as `yizhao license show` or GET /v1/licenses/{code} print it).")
        var file: String

        @Option(help: "The registry's public key (base64), for an offline check.")
        var publicKey: String?

        @Option(help: "The registry's key file. Default: the database path + .key.")
        var key: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure(message: "cannot read \(file)") }
            guard let document = try? JSONDecoder().decode(SignedLicense.self, from: data) else {
                throw CommandFailure(message: "\(file) is not a signed license document (algorithm, license, payload, signature, publicKey)")
            }
            let result: LicenseVerification
            if let publicKey {
                result = LicenseVerification(document, trustedKey: publicKey, currentItems: nil, consulted: false)
            } else {
                let signer = try RegistryKeyFile.signer(at: key ?? RegistryKeyFile.defaultPath(forDatabase: store.sidecarBase), create: false)
                result = try await store.withRegistry { try await LicenseCommand.verify($0, document, signer: signer) }
            }
            print(result.valid ? "valid" : "invalid")
            for problem in result.problems { print("problem\t\(problem)") }
            if !result.valid { throw ExitCode(1) }
        }
    }

    static func verify<Store: RegistryStore>(_ registry: Store, _ document: SignedLicense, signer: LicenseSigner) async throws -> LicenseVerification {
        try await LicenseDesk(store: registry, signer: signer).verify(document)
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
