import Yams

/// The YAML block between `---` lines at the top of a markdown page. Parsed as YAML (folded `>-`
/// values span lines on real pages), never with line patterns.
struct FrontMatter {
    var title: String?
    var description: String?
    var breadcrumbs: String?
    var sourceURL: String?

    /// - Parameters:
    ///   - yaml: the lines between the `---` markers.
    ///   - firstLine: the page line of the YAML's first line, so error positions point into the page.
    static func parse(_ yaml: String, firstLine: Int, file: String) -> (FrontMatter, [Diagnostic]) {
        var matter = FrontMatter()
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            return (matter, [diagnostic(for: error, firstLine: firstLine, file: file)])
        } catch {
            return (matter, [.error("front matter: \(error)", at: SourceLocation(file: file, line: firstLine))])
        }
        guard let node else { return (matter, []) }
        guard case .mapping = node else {
            return (matter, [.warning(
                "front matter is not a YAML mapping; ignored",
                at: SourceLocation(file: file, line: firstLine))])
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
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _),
            let .composer(_, problem, mark, _):
            return .error("front matter is not valid YAML: \(problem)", at: at(mark))
        case let .duplicatedKeysInMapping(duplicates, context):
            return .error(
                "front matter repeats the key(s) \(duplicates.joined(separator: ", "))",
                at: at(context.mark))
        default:
            return .error(
                "front matter is not valid YAML: \(error)", at: SourceLocation(file: file, line: firstLine))
        }
    }
}
