import Foundation

/// The folder a test process keeps its own files in: every `TemporaryDirectory`, the binary's
/// generation cache and the Swift compiler's scratch. It is made fresh (mode 0700, an unguessable
/// name) and removed when the process exits, so a test run leaves nothing behind, even for the
/// folders that suites keep in static properties (never deinitialized). The helpers that run other
/// programs (`ProcessRunner`, `PostgresCluster`) make and remove folders of their own.
enum TestScratch {
    static let root: String = {
        let path = try! ProcessRunner.makeTemporaryDirectory(prefix: "schemagen-tests-")
        atexit { try? FileManager.default.removeItem(atPath: TestScratch.root) }
        return path
    }()
}
