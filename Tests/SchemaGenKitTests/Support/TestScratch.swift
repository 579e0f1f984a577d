import Foundation

/// The one folder a test process writes into: temporary folders, the binary's generation cache and
/// the Swift compiler's own scratch. It is removed when the process exits, so a test run leaves
/// nothing behind, even for the folders that suites keep in static properties (never deinitialized).
enum TestScratch {
    static let root: String = {
        let path = FileManager.default.temporaryDirectory.path + "/schemagen-tests-\(getpid())"
        try? FileManager.default.removeItem(atPath: path)  // a dead run's folder with this pid
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TestScratch.root) }
        return path
    }()
}
