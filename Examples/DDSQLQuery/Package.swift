// swift-tools-version: 6.0
import PackageDescription

// Queries DDSQL tables from Swift: schemagen's build plugin turns the pages in Sources/DDSQLTables into row
// types that DDSQLClient reads API results into (`swift.client: true` in that target's schemagen.yml).
let package = Package(
    name: "DDSQLQuery",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ddsql-rows", targets: ["ddsql-rows"])
    ],
    dependencies: [
        // In your own package: .package(url: "<schemagen's git URL>", from: "<version>").
        .package(name: "schemagen", path: "../..")
    ],
    targets: [
        .target(
            name: "DDSQLTables",
            // The generated code imports DDSQLClient.
            dependencies: [.product(name: "DDSQLClient", package: "schemagen")],
            plugins: [.plugin(name: "SchemaGenPlugin", package: "schemagen")]
        ),
        .executableTarget(
            name: "ddsql-rows",
            dependencies: ["DDSQLTables", .product(name: "DDSQLClient", package: "schemagen")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
