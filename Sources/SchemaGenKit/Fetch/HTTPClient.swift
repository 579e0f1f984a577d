import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One GET as `fetch` sends it: the URL and the validators of the copy already on disk, if any.
struct PageRequest: Sendable, Hashable {
    var url: URL
    var validators: Validators?

    /// What the server said about a copy, to ask "has it changed?" next time.
    struct Validators: Sendable, Hashable, Codable {
        var etag: String?
        var lastModified: String?

        var isEmpty: Bool { etag == nil && lastModified == nil }
    }
}

/// A completed GET.
enum PageResponse: Sendable {
    /// 200: the body, complete, and its validators.
    case body([UInt8], PageRequest.Validators)
    /// 304: the copy on disk is current; the validators if the server sent new ones.
    case notModified(PageRequest.Validators)
}

/// Why a GET failed for good: always names the URL, and the status when there was one.
struct FetchFailure: Error, Sendable, Hashable, CustomStringConvertible {
    var url: URL
    var status: Int?
    var reason: String
    var attempts: Int

    var description: String {
        let tried = attempts > 1 ? " (after \(attempts) attempts)" : ""
        if let status { return "\(url.absoluteString): HTTP \(status)\(reason.isEmpty ? "" : " " + reason)\(tried)" }
        return "\(url.absoluteString): \(reason)\(tried)"
    }
}

/// GETs pages over URLSession, politely: a User-Agent naming schemagen, no HTTP cache of its own
/// (the files on disk and their validators are the cache), a timeout per request, and retries with
/// backoff on failures that may pass (connection errors, cut-off bodies, 5xx, 429).
final class HTTPClient: Sendable {
    let session: URLSession
    let retry: RetryPolicy
    let timeout: Double
    /// Called with each retry's reason, so a user sees why a run is slow.
    let onRetry: @Sendable (String) -> Void

    init(
        concurrency: Int, timeout: Double, retry: RetryPolicy, onRetry: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpMaximumConnectionsPerHost = concurrency
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpAdditionalHeaders = ["User-Agent": UserAgent.value]
        configuration.httpCookieStorage = nil
        session = URLSession(configuration: configuration)
        self.retry = retry
        self.timeout = timeout
        self.onRetry = onRetry
    }

    deinit { session.finishTasksAndInvalidate() }

    /// The page, after as many attempts as the retry policy allows.
    func get(_ request: PageRequest) async -> Result<PageResponse, FetchFailure> {
        var attempt = 0
        while true {
            attempt += 1
            let outcome = await once(request)
            switch outcome {
            case .done(let response):
                return .success(response)
            case .failed(let status, let reason):
                return .failure(FetchFailure(url: request.url, status: status, reason: reason, attempts: attempt))
            case .retryable(let status, let reason, let retryAfter):
                guard attempt < retry.attempts else {
                    return .failure(FetchFailure(url: request.url, status: status, reason: reason, attempts: attempt))
                }
                var wait = retry.backoff(afterAttempt: attempt)
                if let retryAfter {
                    guard retryAfter <= retry.maxRetryAfter else {
                        return .failure(
                            FetchFailure(
                                url: request.url, status: status,
                                reason: "\(reason); the server asks to wait \(Int(retryAfter)) s, longer than "
                                    + "\(Int(retry.maxRetryAfter)) s", attempts: attempt))
                    }
                    wait = retryAfter
                }
                let what = status.map { "HTTP \($0)" } ?? reason
                onRetry("\(request.url.absoluteString): \(what); retrying in \(String(format: "%.1f", wait)) s")
                try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            }
        }
    }

    private enum Attempt {
        case done(PageResponse)
        case retryable(status: Int?, reason: String, retryAfter: Double?)
        case failed(status: Int?, reason: String)
    }

    private func once(_ request: PageRequest) async -> Attempt {
        var urlRequest = URLRequest(
            url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = "GET"
        if let etag = request.validators?.etag { urlRequest.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let date = request.validators?.lastModified {
            urlRequest.setValue(date, forHTTPHeaderField: "If-Modified-Since")
        }
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await session.data(for: urlRequest)
        } catch let error as URLError {
            let reason = Self.describe(error)
            return Self.finalCodes.contains(error.code)
                ? .failed(status: nil, reason: reason) : .retryable(status: nil, reason: reason, retryAfter: nil)
        } catch {
            return .retryable(status: nil, reason: "\(error)", retryAfter: nil)
        }
        guard let http = response as? HTTPURLResponse else {
            return .failed(status: nil, reason: "the response is not HTTP")
        }
        let status = http.statusCode
        let validators = PageRequest.Validators(
            etag: http.value(forHTTPHeaderField: "ETag"), lastModified: http.value(forHTTPHeaderField: "Last-Modified"))
        switch status {
        case 200:
            // A body shorter than announced was cut off; it is a failed request, never a page. (A
            // compressed body is unpacked by URLSession, so its length no longer matches.)
            let encoding = http.value(forHTTPHeaderField: "Content-Encoding")?.lowercased() ?? "identity"
            let announced = http.value(forHTTPHeaderField: "Content-Length").flatMap(Int.init)
            if encoding == "identity", let announced, announced != data.count {
                return .retryable(
                    status: nil, reason: "the body was cut off (\(data.count) of \(announced) bytes)", retryAfter: nil)
            }
            return .done(.body([UInt8](data), validators))
        case 304:
            guard request.validators.map({ !$0.isEmpty }) == true else {
                return .failed(status: status, reason: "Not Modified to a request that was not conditional")
            }
            return .done(.notModified(validators))
        case 429, 500...599:
            let retryAfter = http.value(forHTTPHeaderField: "Retry-After").flatMap { RetryPolicy.retryAfterSeconds($0) }
            return .retryable(status: status, reason: Self.reasonPhrase(status), retryAfter: retryAfter)
        default:
            return .failed(status: status, reason: Self.reasonPhrase(status))
        }
    }

    /// Errors that another attempt would meet again (the request itself is wrong, or refused for good).
    /// Every other error is about the connection (refused, reset, cut off mid-body, timed out) and may pass.
    private static let finalCodes: Set<URLError.Code> = [
        .badURL, .unsupportedURL, .cancelled, .userAuthenticationRequired, .userCancelledAuthentication,
        .httpTooManyRedirects, .redirectToNonExistentLocation, .dataLengthExceedsMaximum, .fileDoesNotExist,
        .noPermissionsToReadFile, .serverCertificateUntrusted, .serverCertificateHasBadDate,
        .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
        .clientCertificateRequired, .appTransportSecurityRequiresSecureConnection,
    ]

    private static func describe(_ error: URLError) -> String {
        switch error.code {
        case .timedOut: "timed out"
        case .cannotConnectToHost: "cannot connect to the server"
        case .networkConnectionLost: "the connection was lost"
        case .notConnectedToInternet: "not connected to the network"
        case .cannotFindHost, .dnsLookupFailed: "cannot find the server"
        default: error.localizedDescription
        }
    }

    static func reasonPhrase(_ status: Int) -> String {
        HTTPURLResponse.localizedString(forStatusCode: status).capitalized
    }
}
