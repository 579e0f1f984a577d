import Foundation
import Testing

/// Golden files under `Fixtures/diff/golden`: generated output must match them byte for byte.
/// Regenerate after an intended change with
/// `SCHEMAGEN_UPDATE_GOLDENS=1 swift test --filter DiffCommandTests`, then review the git diff.
enum Golden {
    static let directory = Fixtures.testFixtures + "/diff/golden"

    static var updating: Bool { ProcessInfo.processInfo.environment["SCHEMAGEN_UPDATE_GOLDENS"] == "1" }

    static func check(_ actual: [UInt8], against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    {
        let path = directory + "/" + name
        if updating {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(actual).write(to: URL(fileURLWithPath: path))
            return
        }
        guard let expected = FileManager.default.contents(atPath: path) else {
            Issue.record(
                "no golden file \(path); run with SCHEMAGEN_UPDATE_GOLDENS=1 to create it",
                sourceLocation: sourceLocation)
            return
        }
        guard [UInt8](expected) != actual else { return }
        let want = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let got = String(decoding: actual, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            zip(want, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(want.count, got.count)
        Issue.record(
            """
            \(name) differs from the golden file at line \(line + 1):
            golden: \(line < want.count ? String(want[line]) : "(end of file)")
            actual: \(line < got.count ? String(got[line]) : "(end of file)")
            """, sourceLocation: sourceLocation)
    }
}
