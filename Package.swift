// swift-tools-version:6.2
import PackageDescription

/// Swift 6 language mode everywhere (strict concurrency is on by default in it).
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "yizhao",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "yizhao", targets: ["yizhao"]),
        .library(name: "RegistryCore", targets: ["RegistryCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // Pure domain: no I/O, no dependencies beyond the standard library and Foundation value types.
        .target(name: "RegistryCore", swiftSettings: strict),
        // The storage protocol, its errors, and the contract every backend must pass.
        .target(name: "RegistryStore", dependencies: ["RegistryCore", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: strict),
        // The embedded SQLite backend (GRDB on the system libsqlite3). All SQLite SQL lives here.
        .target(
            name: "RegistrySQLite",
            dependencies: [
                "RegistryStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        // The PostgreSQL backend (postgres-nio: a connection pool, bound parameters). All PostgreSQL SQL lives here.
        .target(
            name: "RegistryPostgres",
            dependencies: [
                "RegistryStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Use cases shared by the HTTP and CLI edges.
        .target(
            name: "RegistryService",
            dependencies: ["RegistryCore", "RegistryStore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict
        ),
        // Hummingbird routes, DTOs, middleware and the problem+json mapping.
        .target(
            name: "RegistryHTTP",
            dependencies: [
                "RegistryService",
                "RegistryStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        // The executable: the only place that wires concrete pieces together.
        .executableTarget(
            name: "yizhao",
            dependencies: [
                "RegistryCore",
                "RegistryService",
                "RegistryHTTP",
                "RegistryStore",
                "RegistrySQLite",
                "RegistryPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RegistryCoreTests",
            dependencies: ["RegistryCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RegistrySQLiteTests",
            dependencies: ["RegistrySQLite", "RegistryStore", "RegistryService", "RegistryTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        // Test fixtures shared by the suites: the backends a suite is parameterised over, throwaway PostgreSQL databases,
        // the per-process scratch directory every test file goes in.
        .target(
            name: "RegistryTestSupport",
            dependencies: ["RegistryPostgres", "RegistrySQLite", "RegistryStore", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/RegistryTestSupport",
            swiftSettings: strict
        ),
        // The store contract and the service-level suites, parameterised over the backends (PostgreSQL when
        // YIZHAO_TEST_POSTGRES names a server whose role may create databases).
        .testTarget(
            name: "RegistryServiceTests",
            dependencies: ["RegistryTestSupport", "RegistryService", "RegistryStore", "RegistrySQLite", "RegistryPostgres"],
            swiftSettings: strict
        ),
        // What only PostgreSQL has: its locale check, search parity with SQLite, moving a registry onto it.
        .testTarget(
            name: "RegistryPostgresTests",
            dependencies: ["RegistryTestSupport", "RegistryPostgres", "RegistrySQLite", "RegistryStore", "RegistryService",
                           .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strict
        ),
        .testTarget(
            name: "RegistryHTTPTests",
            dependencies: [
                "RegistryHTTP",
                "RegistrySQLite",
                "RegistryTestSupport",
                "RegistryStore",
                "RegistryService",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        // Runs the built `yizhao` binary as a subprocess (CLI output and exit codes, signals).
        .testTarget(
            name: "YizhaoCLITests",
            dependencies: ["yizhao", "RegistryTestSupport", "RegistryPostgres"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
