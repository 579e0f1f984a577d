// swift-tools-version: 6.0
import PackageDescription

// An app-side package that uses schemagen's build plugin: the data-directory pages in
// Sources/DDSQLModels become Swift types during `swift build`.
let package = Package(
    name: "PluginExample",
    platforms: [.macOS(.v13)],
    dependencies: [
        // In your own package: .package(url: "<schemagen's git URL>", from: "<version>").
        .package(name: "schemagen", path: "../..")
    ],
    targets: [
        .target(
            name: "DDSQLModels",
            plugins: [.plugin(name: "SchemaGenPlugin", package: "schemagen")]
        ),
        .testTarget(
            name: "DDSQLModelsTests",
            dependencies: ["DDSQLModels"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
