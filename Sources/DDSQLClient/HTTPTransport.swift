import Foundation

/// Sends one HTTP request: the seam between the query logic and the network, so another client can be used.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and returns the answer whatever its status; throws only when no answer arrived.
    /// Should stop promptly when the calling task is cancelled.
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// An HTTP request. Its description hides the values of the key headers.
public struct HTTPRequest: Sendable, CustomStringConvertible {
    public var method: String
    public var url: URL
    /// Header names and values, in order.
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// How long the transport may take for this request.
    public var timeout: Duration

    public init(method: String, url: URL, headers: [(name: String, value: String)], body: Data, timeout: Duration) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// Headers whose values are secrets.
    static let secretHeaders: Set<String> = ["dd-api-key", "dd-application-key"]

    public var description: String {
        let shown = headers.map { header in
            Self.secretHeaders.contains(header.name.lowercased())
                ? "\(header.name): <redacted>"
                : "\(header.name): \(header.value)"
        }
        return "\(method) \(url.absoluteString) [\(shown.joined(separator: ", "))] \(body.count) bytes"
    }
}

/// An HTTP response: status, headers (names lowercased) and body.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.body = body
    }

    /// A header's value, the name matched without regard to case.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
