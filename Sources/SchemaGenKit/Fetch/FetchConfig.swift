import Yams

/// The `fetch:` section of `schemagen.yml`: the same settings as `schemagen fetch`'s options, so a
/// project (or its CI job) says once where its pages come from. The command line wins over it.
///
/// ```yaml
/// fetch:
///   folder: docs            # relative to the config file
///   baseURL: https://docs.datadoghq.com
///   namespaces: [aws, dd]
///   tables: ["aws.ec2_*"]
///   format: md              # or html
///   concurrency: 8
///   timeout: 30
///   allowShrink: false
/// ```
public struct FetchConfig: Sendable, Hashable {
    public var folder: String?
    public var baseURL: String?
    public var namespaces: [String]?
    public var tables: TableSelection?
    public var format: FetchFormat?
    public var concurrency: Int?
    public var timeout: Double?
    public var allowShrink: Bool?

    public init() {}

    public static let keys = [
        "folder", "baseURL", "namespaces", "tables", "format", "concurrency", "timeout", "allowShrink",
    ]

    /// Reads the section's node; `resolve` makes a path relative to the config file's folder.
    static func read(_ node: Node, file: String, resolve: (String) -> String) -> (FetchConfig?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        func at(_ node: Node) -> SourceLocation {
            SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        }
        func error(_ message: String, _ node: Node) { diagnostics.append(.error(message, at: at(node))) }
        func scalar(_ node: Node, _ key: String) -> String? {
            guard case .scalar(let value) = node, !value.string.isEmpty else {
                error("`fetch.\(key)` must be a non-empty string", node)
                return nil
            }
            return value.string
        }
        func strings(_ node: Node, _ key: String) -> [(String, Node)]? {
            switch node {
            case .scalar: return scalar(node, key).map { [($0, node)] }
            case .sequence(let items):
                var values: [(String, Node)] = []
                for item in items {
                    guard let value = scalar(item, key + "[]") else { return nil }
                    values.append((value, item))
                }
                if values.isEmpty { error("`fetch.\(key)` must name at least one entry", node) }
                return values.isEmpty ? nil : values
            default:
                error("`fetch.\(key)` must be a string or a list of strings", node)
                return nil
            }
        }

        guard case .mapping(let mapping) = node else {
            return (nil, [.error("`fetch` must be a mapping of keys to values", at: at(node))])
        }
        var config = FetchConfig()
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode, keys.contains(keyScalar.string) else {
                error(
                    "unknown key `fetch.\(keyNode.string ?? "?")`; known keys of `fetch`: "
                        + keys.joined(separator: ", "), keyNode)
                continue
            }
            let key = keyScalar.string
            switch key {
            case "folder":
                config.folder = scalar(value, key).map(resolve)
            case "baseURL":
                guard let text = scalar(value, key) else { continue }
                if DocsSite(baseURL: text) == nil {
                    error(
                        "`fetch.baseURL` must be an http or https URL such as \(DocsSite.defaultBaseURL), "
                            + "not `\(text)`",
                        value)
                }
                config.baseURL = text
            case "namespaces":
                config.namespaces = strings(value, key)?.map(\.0)
            case "tables":
                guard let entries = strings(value, key) else { continue }
                config.tables = TableSelection(
                    entries: entries.map { TableSelection.Entry($0.0, location: at($0.1)) }, origin: .config)
            case "format":
                guard let text = scalar(value, key) else { continue }
                guard let format = FetchFormat(rawValue: text) else {
                    error("`fetch.format` must be md or html, not `\(text)`", value)
                    continue
                }
                config.format = format
            case "concurrency":
                guard let text = scalar(value, key), let number = Int(text),
                    (1...FetchOptions.maxConcurrency).contains(number)
                else {
                    error("`fetch.concurrency` must be a whole number from 1 to \(FetchOptions.maxConcurrency)", value)
                    continue
                }
                config.concurrency = number
            case "timeout":
                guard let text = scalar(value, key), let seconds = Double(text), seconds > 0, seconds.isFinite else {
                    error("`fetch.timeout` must be a number of seconds above 0", value)
                    continue
                }
                config.timeout = seconds
            case "allowShrink":
                guard let text = scalar(value, key), let flag = Bool(text) else {
                    error("`fetch.allowShrink` must be true or false", value)
                    continue
                }
                config.allowShrink = flag
            default:
                break
            }
        }
        return diagnostics.isEmpty ? (config, []) : (nil, diagnostics)
    }
}
