// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "schemagen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "schemagen", targets: ["schemagen"]),
        .library(name: "SchemaGenKit", targets: ["SchemaGenKit"]),
        // Queries Datadog's DDSQL API and reads results into generated row types; no libxml2, no generator.
        .library(name: "DDSQLClient", targets: ["DDSQLClient"]),
        // Generates Swift models from the pages in a target during `swift build`.
        .plugin(name: "SchemaGenPlugin", targets: ["SchemaGenPlugin"]),
        // `swift package generate-schemas`: writes Swift, SQL and JSON Schema into the package.
        .plugin(name: "GenerateSchemasCommand", targets: ["GenerateSchemasCommand"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // libxml2's HTML parser, found through pkg-config (Debian: libxml2-dev).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(
            name: "SchemaGenKit",
            dependencies: [
                "CLibXML2",
                .product(name: "Yams", package: "Yams"),
            ]
            // Templates/*.mustache are compiled in as Render/BundledTemplates.swift (committed; a test fails when
            // it is stale), so a lone `schemagen` binary works. Not a build plugin: SwiftPM first builds a build
            // plugin's tool without running the build plugins of the tool's own targets, so a user of
            // SchemaGenPlugin would see that attempt's compile errors in every build.
        ),
        .executableTarget(
            name: "schemagen",
            dependencies: [
                "SchemaGenKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .plugin(
            name: "SchemaGenPlugin",
            capability: .buildTool(),
            dependencies: ["schemagen"]
        ),
        .plugin(
            name: "GenerateSchemasCommand",
            capability: .command(
                intent: .custom(
                    verb: "generate-schemas",
                    description: "Write Swift, SQL and JSON Schema generated from the package's pages into the package"),
                permissions: [
                    .writeToPackageDirectory(reason: "schemagen writes the generated Swift, SQL and JSON Schema there")
                ]
            ),
            dependencies: ["schemagen"]
        ),
        .target(name: "DDSQLClient"),
        // Decodes a 10,000-row result into structs: run by Scripts/client-benchmark.py in release mode.
        .executableTarget(
            name: "DDSQLClientBenchmark", dependencies: ["DDSQLClient"], path: "Benchmarks/DDSQLClientBenchmark"),
        // libFuzzer targets (Scripts/fuzz.sh builds them with the fuzzer and address sanitizers).
        .target(name: "FuzzSupport", dependencies: ["SchemaGenKit"]),
        .executableTarget(
            name: "FuzzMarkdown", dependencies: ["FuzzSupport", "SchemaGenKit"], path: "Fuzz/FuzzMarkdown"),
        .executableTarget(name: "FuzzHTML", dependencies: ["FuzzSupport", "SchemaGenKit"], path: "Fuzz/FuzzHTML"),
        .executableTarget(
            name: "FuzzPipeline", dependencies: ["FuzzSupport", "SchemaGenKit"], path: "Fuzz/FuzzPipeline"),
        .testTarget(
            name: "SchemaGenKitTests",
            // The executable is a dependency so `swift test` builds it for the command-line tests.
            dependencies: [
                "SchemaGenKit", "schemagen",
                // The reference Mustache engine that schemagen's own renderer is tested against.
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            exclude: ["Fixtures"]
        ),
        // Runs the client against Tests/Servers/ddsql_server.py on loopback.
        .testTarget(name: "DDSQLClientTests", dependencies: ["DDSQLClient"]),
    ],
    swiftLanguageModes: [.v6]
)
