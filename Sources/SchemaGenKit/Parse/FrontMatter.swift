import Yams

/// The YAML block between `---` lines at the top of a markdown page. Parsed as YAML (folded `>-`
/// values span lines on real pages), never with line patterns.
///
/// Real front matter is a handful of `key: value` lines, which `SimpleYAML` reads directly; anything
/// it is not sure of goes to Yams, so values and diagnostics are Yams's in every case. (Yams builds a
/// full node tree and resolves every tag, which costs more than the rest of a page's parse.)
struct FrontMatter: Equatable {
    var title: String?
    var description: String?
    var breadcrumbs: String?
    var sourceURL: String?

    /// - Parameters:
    ///   - yaml: the lines between the `---` markers.
    ///   - firstLine: the page line of the YAML's first line, so error positions point into the page.
    static func parse(_ yaml: String, firstLine: Int, file: String) -> (FrontMatter, [Diagnostic]) {
        var yaml = yaml
        if let pairs = yaml.withUTF8({ SimpleYAML.mapping($0) }) {
            return (FrontMatter(pairs: pairs), [])
        }
        return parseWithYams(yaml, firstLine: firstLine, file: file)
    }

    private init(pairs: [(key: String, value: String)]) {
        // Keys are unique (SimpleYAML leaves repeated keys to Yams's error).
        for (key, value) in pairs {
            switch key {
            case "title": title = value
            case "description": description = value
            case "breadcrumbs": breadcrumbs = value
            case "source_url": sourceURL = value
            default: break
            }
        }
    }

    init(title: String? = nil, description: String? = nil, breadcrumbs: String? = nil, sourceURL: String? = nil) {
        self.title = title
        self.description = description
        self.breadcrumbs = breadcrumbs
        self.sourceURL = sourceURL
    }

    /// The whole YAML through Yams: any YAML, and the diagnostics for what is not.
    static func parseWithYams(_ yaml: String, firstLine: Int, file: String) -> (FrontMatter, [Diagnostic]) {
        var matter = FrontMatter()
        let node: Node?
        do {
            // The encoding is given: its default reads the whole environment on every call.
            node = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            return (matter, [diagnostic(for: error, firstLine: firstLine, file: file)])
        } catch {
            return (matter, [.error("front matter: \(error)", at: SourceLocation(file: file, line: firstLine))])
        }
        guard let node else { return (matter, []) }
        guard case .mapping = node else {
            return (
                matter,
                [
                    .warning(
                        "front matter is not a YAML mapping; ignored",
                        at: SourceLocation(file: file, line: firstLine))
                ]
            )
        }
        matter.title = node["title"]?.string
        matter.description = node["description"]?.string
        matter.breadcrumbs = node["breadcrumbs"]?.string
        matter.sourceURL = node["source_url"]?.string
        return (matter, [])
    }

    private static func diagnostic(for error: YamlError, firstLine: Int, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: firstLine + mark.line - 1, column: mark.column)
        }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .error("front matter is not valid YAML: \(problem)", at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                "front matter repeats the key(s) \(duplicates.joined(separator: ", "))",
                at: at(context.mark))
        default:
            return .error(
                "front matter is not valid YAML: \(error)", at: SourceLocation(file: file, line: firstLine))
        }
    }
}
