import Foundation

/// Where the data directory lives on the docs site and how its URLs are made, in one place, so the
/// rest of `fetch` never builds a URL by hand.
///
/// The index page links each table's HTML page (`…/data_directory/<ns>/<id>.dataset/`); the markdown
/// page is the same path with `.md` in place of the trailing slash. Both are derived from the link
/// the index gives, never from the title, because titles repeat across tables.
public struct DocsSite: Sendable, Hashable {
    public static let defaultBaseURL = "https://docs.datadoghq.com"
    static let directoryPath = "/ddsql_reference/data_directory/"
    static let pageSuffix = ".dataset"

    /// Scheme, host and optional port (and path prefix), without a trailing slash.
    public let baseURL: URL

    /// nil when `text` is not an absolute http or https URL.
    public init?(baseURL text: String) {
        var text = text
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else { return nil }
        baseURL = url
    }

    /// The HTML index that lists every table.
    public var indexURL: URL { URL(string: baseURL.absoluteString + Self.directoryPath)! }

    /// One table as the index links it.
    public struct TablePage: Sendable, Hashable {
        /// The table id, from the link's last path segment without `.dataset` (`aws.ec2_instance`).
        public var id: String
        /// The namespace folder in the link (`aws`).
        public var namespace: String
        /// The index's name for the group the link sits in (`AWS`, `Datadog`).
        public var setName: String
        /// The HTML page, as linked.
        public var htmlURL: URL

        /// The page to download in `format`.
        public func url(_ format: FetchFormat) -> URL {
            switch format {
            case .html:
                return htmlURL
            case .markdown:
                var text = htmlURL.absoluteString
                while text.hasSuffix("/") { text.removeLast() }
                return URL(string: text + ".md")!
            }
        }

        /// The file the page is saved as in the fetch folder.
        public func fileName(_ format: FetchFormat) -> String { id + "." + format.fileExtension }
    }

    /// The table a link found in the index points at, or why it is not one: the link must resolve to
    /// a page in the data directory on this site, `<ns>/<id>.dataset/`, with an id that is a safe file
    /// name (ids become file names, and the index is untrusted input).
    func tablePage(href: String, setName: String) -> Result<TablePage, LinkProblem> {
        guard let resolved = URL(string: href, relativeTo: indexURL)?.absoluteURL else {
            return .failure(.notAURL(href))
        }
        guard resolved.scheme?.lowercased() == baseURL.scheme?.lowercased(),
            resolved.host?.lowercased() == baseURL.host?.lowercased(), resolved.port == baseURL.port
        else { return .failure(.otherSite(href)) }
        // `URL.path` drops a trailing slash, so the folder's path is built, not read back.
        var basePath = baseURL.path
        while basePath.hasSuffix("/") { basePath.removeLast() }
        let directory = basePath + Self.directoryPath
        let path = resolved.path
        guard path.hasPrefix(directory) else { return .failure(.outsideDirectory(href)) }
        let parts = path.dropFirst(directory.count).split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[1].hasSuffix(Self.pageSuffix) else { return .failure(.outsideDirectory(href)) }
        let namespace = String(parts[0])
        let id = String(parts[1].dropLast(Self.pageSuffix.count))
        guard Self.isSafeTableID(id) else { return .failure(.badTableID(href, id)) }
        // The page itself, without query or fragment, with the site's trailing slash.
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else {
            return .failure(.notAURL(href))
        }
        components.path = directory + namespace + "/" + id + Self.pageSuffix + "/"
        guard let htmlURL = components.url else { return .failure(.notAURL(href)) }
        return .success(TablePage(id: id, namespace: namespace, setName: setName, htmlURL: htmlURL))
    }

    /// Letters, digits, `_`, `-` and inner dots, starting with a letter or digit: every real id is so,
    /// and such a name can neither leave the folder nor clash with schemagen's own dot-files.
    static func isSafeTableID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.utf8.count <= 200,
            first.isASCII, first.properties.isAlphabetic || ("0"..."9").contains(first),
            !id.hasSuffix("."), !id.contains("..")
        else { return false }
        return id.unicodeScalars.allSatisfy {
            $0.isASCII
                && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == ".")
        }
    }

    /// Why a link in a namespace set is not a table page.
    enum LinkProblem: Error, Hashable, Sendable, CustomStringConvertible {
        case notAURL(String)
        case otherSite(String)
        case outsideDirectory(String)
        case badTableID(String, String)

        var description: String {
            switch self {
            case .notAURL(let href): "`\(href)` is not a URL"
            case .otherSite(let href): "`\(href)` points to another site"
            case .outsideDirectory(let href): "`\(href)` is not a table page of the data directory"
            case .badTableID(let href, let id): "`\(href)` names table `\(id)`, which is not a safe file name"
            }
        }
    }
}
