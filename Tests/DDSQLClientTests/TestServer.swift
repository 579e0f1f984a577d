import DDSQLClient
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Tests/Servers/ddsql_server.py, started once per test process on a free loopback port. It exits when its
/// stdin closes, which happens when this process ends.
final class TestServer: @unchecked Sendable {
    static let apiKey = "test-api-key"
    static let appKey = "test-app-key"

    /// The server every test shares (each test uses its own query text, so their state is separate).
    static let shared: Result<TestServer, any Error> = Result { try TestServer() }

    let baseURL: URL
    private let process: Process
    private let input: Pipe

    private init() throws(TestServerError) {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Servers/ddsql_server.py")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--api-key", Self.apiKey, "--app-key", Self.appKey]
        input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            throw TestServerError(message: "cannot start \(script.path): \(error)")
        }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw TestServerError(message: "the test server exited before printing its port") }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
            throw TestServerError(message: "unexpected first line from the test server: \(text)")
        }
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    static func server() throws -> TestServer { try shared.get() }

    /// Every request the server has received, in arrival order.
    func requests() async throws -> [LoggedRequest] {
        let (data, _) = try await URLSession.shared.data(from: baseURL.appendingPathComponent("_test/requests"))
        return try JSONDecoder().decode([LoggedRequest].self, from: data)
    }

    /// The requests whose body contains `text`.
    func requests(containing text: String) async throws -> [LoggedRequest] {
        try await requests().filter { $0.body.contains(text) }
    }
}

struct TestServerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A request as the test server recorded it.
struct LoggedRequest: Decodable {
    let path: String
    let time: Double
    let apiKey: String?
    let appKey: String?
    let contentType: String?
    let accept: String?
    let body: String
    /// For an execute answered `running`: the query id the server issued.
    let queryID: String?

    private enum CodingKeys: String, CodingKey {
        case path, time, accept, body
        case apiKey = "api_key"
        case appKey = "app_key"
        case contentType = "content_type"
        case queryID = "query_id"
    }

    /// The body parsed, for exact comparisons of its JSON.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }
}

/// Test policies: short polls and a deadline long enough never to be reached by accident.
extension DDSQLPolicy {
    static let test = DDSQLPolicy(
        initialPollInterval: .milliseconds(50), pollBackoffFactor: 2, maximumPollInterval: .milliseconds(200),
        deadline: .seconds(20), requestTimeout: .seconds(10), maximumRateLimitWait: .seconds(5),
        maximumRateLimitRetries: 2, defaultRateLimitWait: .milliseconds(100))
}

func testClient(
    policy: DDSQLPolicy = .test, apiKey: String = TestServer.apiKey,
    appKey: String = TestServer.appKey
) throws -> DDSQLQueryClient {
    let server = try TestServer.server()
    let credentials = DDSQLCredentials(apiKey: apiKey, applicationKey: appKey)
    return DDSQLQueryClient(
        configuration: DDSQLConfiguration(
            baseURL: server.baseURL, credentials: credentials,
            policy: policy))
}

/// A fixed window, so request bodies can be compared exactly.
let testWindow = DDSQLTimeWindow(fromMilliseconds: 1_759_390_000_000, toMilliseconds: 1_759_393_600_000)

/// Runs `body` and returns the DDSQLError it throws (failing the test if it throws something else or nothing).
func ddsqlError(_ body: () async throws -> Void) async -> DDSQLError? {
    do {
        try await body()
        return nil
    } catch let error as DDSQLError {
        return error
    } catch {
        return .transport("unexpected error type: \(error)")
    }
}
