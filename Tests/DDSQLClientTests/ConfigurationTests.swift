import DDSQLClient
import Foundation
import Testing

/// Sites, environment defaults, and keys that never show up in text.
@Suite struct ConfigurationTests {
    @Test func theNineSites() {
        let expected = [
            "datadoghq.com": "https://api.datadoghq.com", "us3.datadoghq.com": "https://api.us3.datadoghq.com",
            "us5.datadoghq.com": "https://api.us5.datadoghq.com", "datadoghq.eu": "https://api.datadoghq.eu",
            "ap1.datadoghq.com": "https://api.ap1.datadoghq.com", "ap2.datadoghq.com": "https://api.ap2.datadoghq.com",
            "uk1.datadoghq.com": "https://api.uk1.datadoghq.com", "ddog-gov.com": "https://api.ddog-gov.com",
            "us2.ddog-gov.com": "https://api.us2.ddog-gov.com",
        ]
        #expect(DDSQLSite.allCases.count == 9)
        for site in DDSQLSite.allCases {
            #expect(site.baseURL.absoluteString == expected[site.rawValue])
            #expect(DDSQLSite(name: site.rawValue) == site)
            #expect(DDSQLSite(name: "app." + site.rawValue) == site)
        }
        #expect(DDSQLSite(name: " APP.DATADOGHQ.EU ") == .eu1)
        #expect(DDSQLSite(name: "eu1") == .eu1)
        #expect(DDSQLSite(name: "datadoghq.co") == nil)
    }

    @Test func environmentDefaults() throws {
        let environment = ["DD_API_KEY": "env-api", "DD_APP_KEY": "env-app", "DD_SITE": "datadoghq.eu"]
        let configuration = try DDSQLConfiguration.fromEnvironment(environment)
        #expect(configuration.baseURL.absoluteString == "https://api.datadoghq.eu")
        #expect(configuration.credentials == DDSQLCredentials(apiKey: "env-api", applicationKey: "env-app"))

        let explicit = try DDSQLConfiguration.fromEnvironment(
            environment, site: "us5", apiKey: "k", applicationKey: "a")
        #expect(explicit.baseURL.absoluteString == "https://api.us5.datadoghq.com")
        #expect(explicit.credentials == DDSQLCredentials(apiKey: "k", applicationKey: "a"))

        let local = try DDSQLConfiguration.fromEnvironment(environment, baseURL: "http://127.0.0.1:8080")
        #expect(local.baseURL.absoluteString == "http://127.0.0.1:8080")

        let defaultSite = try DDSQLConfiguration.fromEnvironment(["DD_API_KEY": "a", "DD_APPLICATION_KEY": "b"])
        #expect(defaultSite.baseURL.absoluteString == "https://api.datadoghq.com")

        #expect(throws: DDSQLError.invalidConfiguration("no API key: set DD_API_KEY or pass one")) {
            try DDSQLConfiguration.fromEnvironment(["DD_APP_KEY": "x"])
        }
        #expect(throws: DDSQLError.invalidConfiguration("no application key: set DD_APP_KEY or pass one")) {
            try DDSQLConfiguration.fromEnvironment(["DD_API_KEY": "x"])
        }
        #expect(throws: DDSQLError.self) { try DDSQLConfiguration.fromEnvironment(environment, site: "moon") }
        #expect(throws: DDSQLError.self) { try DDSQLConfiguration.fromEnvironment(environment, baseURL: "ftp://x") }
    }

    @Test func keysAreNeverInAnyDescription() throws {
        let apiKey = "secret-api-0123456789"
        let appKey = "secret-app-9876543210"
        let credentials = DDSQLCredentials(apiKey: apiKey, applicationKey: appKey)
        let configuration = DDSQLConfiguration(site: .us1, credentials: credentials)
        var dumped = ""
        dump(configuration, to: &dumped)
        var dumpedCredentials = ""
        dump(credentials, to: &dumpedCredentials)
        let request = HTTPRequest(
            method: "POST", url: URL(string: "https://api.datadoghq.com/x")!,
            headers: [("DD-API-KEY", apiKey), ("DD-APPLICATION-KEY", appKey)],
            body: Data(), timeout: .seconds(1))
        let texts = [
            "\(credentials)", String(reflecting: credentials), "\(configuration)", String(reflecting: configuration),
            dumped, dumpedCredentials, "\(request)", String(reflecting: request),
        ]
        for text in texts {
            #expect(!text.contains(apiKey) && !text.contains(appKey), "\(text)")
        }
        #expect(dumped.contains("<redacted>"))
        #expect("\(request)".contains("DD-API-KEY: <redacted>"))
    }
}
