import Foundation

/// The nine Datadog sites, each with the base URL of its API.
public enum DDSQLSite: String, CaseIterable, Sendable {
    case us1 = "datadoghq.com"
    case us3 = "us3.datadoghq.com"
    case us5 = "us5.datadoghq.com"
    case eu1 = "datadoghq.eu"
    case ap1 = "ap1.datadoghq.com"
    case ap2 = "ap2.datadoghq.com"
    case uk1 = "uk1.datadoghq.com"
    case us1Fed = "ddog-gov.com"
    case us2Fed = "us2.ddog-gov.com"

    /// A site from its `DD_SITE` spelling (`datadoghq.eu`), its web host (`app.datadoghq.eu`) or its short name
    /// (`eu1`); case and surrounding spaces are ignored.
    public init?(name: String) {
        var text = name.trimmingCharacters(in: .whitespaces).lowercased()
        if text.hasPrefix("https://") { text.removeFirst("https://".count) }
        if text.hasSuffix("/") { text.removeLast() }
        if text.hasPrefix("app.") { text.removeFirst("app.".count) }
        if text.hasPrefix("api.") { text.removeFirst("api.".count) }
        if let site = DDSQLSite(rawValue: text) {
            self = site
            return
        }
        switch text {
        case "us1", "us": self = .us1
        case "us3": self = .us3
        case "us5": self = .us5
        case "eu1", "eu": self = .eu1
        case "ap1": self = .ap1
        case "ap2": self = .ap2
        case "uk1": self = .uk1
        case "us1-fed", "gov": self = .us1Fed
        case "us2-fed": self = .us2Fed
        default: return nil
        }
    }

    /// `https://api.<site>`: where the API of the site is.
    public var baseURL: URL {
        URL(string: "https://api.\(rawValue)")!
    }
}
