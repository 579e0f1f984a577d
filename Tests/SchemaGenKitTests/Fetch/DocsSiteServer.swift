import Foundation

/// The test stand-in for the docs site (`Tests/Servers/docs_site.py`), a real HTTP server on loopback,
/// started per test and stopped when released. Every request it answers is logged, so a test can see
/// what `fetch` asked for (conditional or not, how many at once).
final class DocsSiteServer: @unchecked Sendable {
    let process = Process()
    let port: Int
    let logPath: String
    private let scratch: TemporaryDirectory

    var baseURL: String { "http://127.0.0.1:\(port)" }

    struct Fault: Encodable {
        var match: String
        var times: Int
        var status: Int?
        var retryAfter: String?
        var cut: Bool?

        private enum CodingKeys: String, CodingKey {
            case match, times, status, cut
            case retryAfter = "retry_after"
        }
    }

    init(
        pages: String, htmlPages: String? = nil, latency: Double = 0, etag: Bool = true, lastModified: Bool = true,
        faults: [Fault] = []
    ) throws {
        scratch = try TemporaryDirectory()
        logPath = scratch.path + "/requests.log"
        var arguments = [Fixtures.repoRoot + "/Tests/Servers/docs_site.py", "--pages", pages, "--log", logPath]
        if let htmlPages { arguments += ["--html-pages", htmlPages] }
        if latency > 0 { arguments += ["--latency", String(latency)] }
        if !etag { arguments.append("--no-etag") }
        if !lastModified { arguments.append("--no-last-modified") }
        if !faults.isEmpty {
            arguments += ["--faults", String(decoding: try JSONEncoder().encode(faults), as: UTF8.self)]
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The first line is `PORT <n>`, printed once the server listens.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw ServerError(message: "the test server did not start (it said `\(text)`)")
        }
        self.port = port
    }

    /// Killed outright: a child of the test runner may inherit an ignored SIGTERM.
    deinit {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    struct ServerError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// One request the server answered.
    struct LoggedRequest {
        var path: String
        var ifNoneMatch: String?
        var ifModifiedSince: String?
        var userAgent: String?
        var status: Int
        var start: Double
        var end: Double
        var inFlight: Int

        var isConditional: Bool { ifNoneMatch != nil || ifModifiedSince != nil }
        var isIndex: Bool { path.hasSuffix("/data_directory/") }
    }

    /// Every request so far, in the order they finished.
    func requests() throws -> [LoggedRequest] {
        guard let data = FileManager.default.contents(atPath: logPath) else { return [] }
        return try data.split(separator: UInt8(ascii: "\n")).map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any]
            return LoggedRequest(
                path: object["path"] as! String, ifNoneMatch: object["if_none_match"] as? String,
                ifModifiedSince: object["if_modified_since"] as? String, userAgent: object["user_agent"] as? String,
                status: (object["status"] as! NSNumber).intValue, start: (object["start"] as! NSNumber).doubleValue,
                end: (object["end"] as! NSNumber).doubleValue, inFlight: (object["in_flight"] as! NSNumber).intValue)
        }
    }

    /// Forgets the requests so far, so a test can look at one run's alone.
    func clearLog() throws {
        // Truncated in place: the server keeps the file open for appending.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try handle.truncate(atOffset: 0)
        try handle.close()
    }
}
