import Foundation

/// Where queries go and who makes them: a base URL, the keys, and the waiting policy.
public struct DDSQLConfiguration: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public var baseURL: URL
    public var credentials: DDSQLCredentials
    public var policy: DDSQLPolicy

    public init(baseURL: URL, credentials: DDSQLCredentials, policy: DDSQLPolicy = DDSQLPolicy()) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.policy = policy
    }

    public init(site: DDSQLSite, credentials: DDSQLCredentials, policy: DDSQLPolicy = DDSQLPolicy()) {
        self.init(baseURL: site.baseURL, credentials: credentials, policy: policy)
    }

    /// A configuration from explicit values where given, else the environment: `DD_API_KEY`, `DD_APP_KEY` (or
    /// `DD_APPLICATION_KEY`) and `DD_SITE` (default `datadoghq.com`). `baseURL` wins over any site.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        site: String? = nil, baseURL: String? = nil, apiKey: String? = nil, applicationKey: String? = nil,
        policy: DDSQLPolicy = DDSQLPolicy()
    ) throws(DDSQLError) -> DDSQLConfiguration {
        func value(_ explicit: String?, _ names: [String]) -> String? {
            if let explicit, !explicit.isEmpty { return explicit }
            return names.lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        }
        guard let api = value(apiKey, ["DD_API_KEY"]) else {
            throw .invalidConfiguration("no API key: set DD_API_KEY or pass one")
        }
        guard let app = value(applicationKey, ["DD_APP_KEY", "DD_APPLICATION_KEY"]) else {
            throw .invalidConfiguration("no application key: set DD_APP_KEY or pass one")
        }
        let credentials = DDSQLCredentials(apiKey: api, applicationKey: app)
        if let baseURL {
            guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(),
                scheme == "https" || scheme == "http", url.host != nil
            else {
                throw .invalidConfiguration("base URL \(baseURL) is not an http(s) URL")
            }
            return DDSQLConfiguration(baseURL: url, credentials: credentials, policy: policy)
        }
        let siteName = value(site, ["DD_SITE"]) ?? DDSQLSite.us1.rawValue
        guard let resolved = DDSQLSite(name: siteName) else {
            let known = DDSQLSite.allCases.map(\.rawValue).joined(separator: ", ")
            throw .invalidConfiguration("unknown site \(siteName); known sites: \(known)")
        }
        return DDSQLConfiguration(site: resolved, credentials: credentials, policy: policy)
    }

    public var description: String {
        "DDSQLConfiguration(baseURL: \(baseURL.absoluteString), credentials: \(credentials), policy: \(policy))"
    }

    public var debugDescription: String { description }
}
