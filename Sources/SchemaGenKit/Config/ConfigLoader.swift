import Foundation
import Yams

/// Reads `schemagen.yml` strictly: an unknown key or a value of the wrong kind is an error naming the
/// file, the line and column (from Yams' node marks) and the key, so a typo never silently does nothing.
/// All problems in the file are reported at once.
public enum ConfigLoader {
    /// Loads the file at `path`; nil config when there is any error.
    public static func load(path: String) -> (config: SchemaGenConfig?, diagnostics: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error("cannot read the config file `\(path)`")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, [.error("the config file is not UTF-8", at: SourceLocation(file: path, line: 1))])
        }
        return parse(text, file: path)
    }

    /// Parses config text as if read from `file`; relative paths are resolved against `file`'s folder.
    public static func parse(_ text: String, file: String) -> (config: SchemaGenConfig?, diagnostics: [Diagnostic]) {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return (nil, [yamlDiagnostic(error, file: file, text: text)])
        } catch {
            return (nil, [.error("not valid YAML: \(error)", at: SourceLocation(file: file, line: 1))])
        }
        var reader = Reader(file: file)
        var config = SchemaGenConfig(file: file)
        // An empty file is a config that sets nothing.
        if let node { reader.readTopLevel(node, into: &config) }
        return reader.diagnostics.isEmpty ? (config, []) : (nil, reader.diagnostics)
    }

    private static func yamlDiagnostic(_ error: YamlError, file: String, text: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            // `tables: [*.logs]`: YAML reads a leading `*` as an alias, and says so in its own terms.
            let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            let line = mark.line >= 1 && mark.line <= lines.count ? lines[mark.line - 1] : ""
            let hint =
                line.contains("*") && (problem.contains("alias") || problem.contains("alphabetic or numeric"))
                ? " (a value starting with `*` is a YAML alias: quote a pattern such as `\"*.logs\"`)" : ""
            return .error("not valid YAML: \(problem)\(hint)", at: at(mark))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error("key(s) written twice: \(duplicates.joined(separator: ", "))", at: at(context.mark))
        default:
            return .error("not valid YAML: \(error)", at: SourceLocation(file: file, line: 1))
        }
    }
}

/// Walks the node tree, collecting values and diagnostics.
private struct Reader {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func error(_ message: String, at node: Node) {
        diagnostics.append(.error(message, at: location(node)))
    }

    /// `path` relative to the config file's folder, unless absolute.
    func resolve(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let folder = PathSplit.split(file).folder
        if folder.isEmpty { return path }
        return path == "." ? folder : folder + "/" + path
    }

    /// The entries of a mapping whose keys are all known; each unknown key is an error.
    mutating func mapping(_ node: Node, key: String, known: [String]) -> [(String, Node, Node)] {
        guard case .mapping(let mapping) = node else {
            error(
                key.isEmpty
                    ? "a config file must be a mapping of keys to values"
                    : "`\(key)` must be a mapping of keys to values", at: node)
            return []
        }
        var entries: [(String, Node, Node)] = []
        for (k, v) in mapping {
            guard case .scalar(let scalar) = k else {
                error("keys of `\(key)` must be plain words", at: k)
                continue
            }
            guard known.contains(scalar.string) else {
                let path = key.isEmpty ? scalar.string : "\(key).\(scalar.string)"
                let suggestion = known.first { Self.isNear(scalar.string, $0) }.map { " (did you mean `\($0)`?)" } ?? ""
                error(
                    "unknown key `\(path)`\(suggestion); known keys\(key.isEmpty ? "" : " of `\(key)`"): "
                        + known.joined(separator: ", "),
                    at: k)
                continue
            }
            entries.append((scalar.string, k, v))
        }
        return entries
    }

    /// A mapping with keys chosen by the user (table ids, column names).
    mutating func freeMapping(_ node: Node, key: String) -> [(String, Node, Node)] {
        guard case .mapping(let mapping) = node else {
            error("`\(key)` must be a mapping", at: node)
            return []
        }
        var entries: [(String, Node, Node)] = []
        for (k, v) in mapping {
            guard case .scalar(let scalar) = k, !scalar.string.isEmpty else {
                error("keys of `\(key)` must be non-empty names", at: k)
                continue
            }
            entries.append((scalar.string, k, v))
        }
        return entries
    }

    mutating func string(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
            error("`\(key)` must be a non-empty string", at: node)
            return nil
        }
        return scalar.string
    }

    /// A list of strings; a single string is a list of one.
    mutating func strings(_ node: Node, key: String) -> [String]? {
        switch node {
        case .scalar:
            return string(node, key: key).map { [$0] }
        case .sequence(let sequence):
            var values: [String] = []
            for item in sequence {
                guard let value = string(item, key: "\(key)[]") else { return nil }
                values.append(value)
            }
            return values
        default:
            error("`\(key)` must be a string or a list of strings", at: node)
            return nil
        }
    }

    mutating func readTopLevel(_ node: Node, into config: inout SchemaGenConfig) {
        for (key, keyNode, value) in mapping(node, key: "", known: SchemaGenConfig.topLevelKeys) {
            switch key {
            case "inputs":
                if let inputs = strings(value, key: key) {
                    if inputs.isEmpty { error("`inputs` must name at least one page or folder", at: value) }
                    config.inputs = inputs.map(resolve)
                }
            case "output":
                config.output = string(value, key: key).map(resolve)
            case "targets":
                config.targets = targets(value)
            case "tables":
                config.tables = tables(value)
            case "templates":
                config.templates = string(value, key: key).map(resolve)
            case "swift":
                readSwift(value, into: &config)
            case "required":
                readRequired(value, into: &config)
            case "fetch":
                let (fetch, problems) = FetchConfig.read(value, file: file, resolve: resolve)
                config.fetch = fetch
                diagnostics += problems
            case "unknownColumns":
                guard let word = string(value, key: key) else { continue }
                guard let policy = UnknownColumns(rawValue: word) else {
                    error("`unknownColumns` must be \(UnknownColumns.knownValues), not `\(word)`", at: value)
                    continue
                }
                config.unknownColumns = policy
                config.options.unknownColumns = policy
            default:
                error("unhandled key `\(key)`", at: keyNode)
            }
        }
    }

    mutating func targets(_ node: Node) -> Set<OutputTarget>? {
        var items: [(String, Node)] = []
        switch node {
        case .scalar(let scalar):
            items = scalar.string.split(separator: ",").map { ($0.trimmingCharacters(in: .whitespaces), node) }
        case .sequence(let sequence):
            for item in sequence {
                guard let word = string(item, key: "targets[]") else { return nil }
                items.append((word, item))
            }
        default:
            error(
                "`targets` must be a list of: \(OutputTarget.allCases.map(\.rawValue).joined(separator: ", "))",
                at: node)
            return nil
        }
        var targets = Set<OutputTarget>()
        for (word, at) in items {
            guard let target = OutputTarget(rawValue: word) else {
                error(
                    "`targets` has unknown target `\(word)` (known: "
                        + OutputTarget.allCases.map(\.rawValue).joined(separator: ", ") + ")",
                    at: at)
                return nil
            }
            targets.insert(target)
        }
        if targets.isEmpty { error("`targets` must name at least one target", at: node) }
        return targets
    }

    /// `tables`: one table id or pattern, or a list of them, each kept with its line and column.
    mutating func tables(_ node: Node) -> TableSelection? {
        let items: [Node]
        switch node {
        case .scalar(let scalar)
        where scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string):
            items = []  // `tables:` with no value
        case .scalar:
            items = [node]
        case .sequence(let sequence):
            items = Array(sequence)
        default:
            error("`tables` must be a table id or pattern, or a list of them", at: node)
            return nil
        }
        guard !items.isEmpty else {
            error(
                "`tables` must name at least one table id or pattern (leave the key out to generate every table)",
                at: node)
            return nil
        }
        var entries: [TableSelection.Entry] = []
        var valid = true
        for item in items {
            guard let text = string(item, key: "tables[]") else {
                valid = false
                continue
            }
            if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) {
                error(
                    "`tables[]` must be one table id or pattern, not `\(text)`: table ids have no white space "
                        + "(write a list: `tables: [aws.ec2_instance, gcp.run_revision]`)",
                    at: item)
                valid = false
                continue
            }
            entries.append(.init(text, location: location(item)))
        }
        return valid ? TableSelection(entries: entries, origin: .config) : nil
    }

    mutating func readSwift(_ node: Node, into config: inout SchemaGenConfig) {
        for (key, _, value) in mapping(node, key: "swift", known: SchemaGenConfig.swiftKeys) {
            let path = "swift.\(key)"
            switch key {
            case "access":
                guard let access = string(value, key: path) else { continue }
                guard ["public", "package", "internal"].contains(access) else {
                    error("`\(path)` must be public, package or internal, not `\(access)`", at: value)
                    continue
                }
                config.access = access
                config.options.access = access
            case "typePrefix":
                guard let prefix = string(value, key: path) else { continue }
                guard SwiftIdentifier.isValid(prefix) else {
                    error("`\(path)` must start a Swift identifier (letters, digits, `_`), not `\(prefix)`", at: value)
                    continue
                }
                config.options.typePrefix = prefix
            case "mutable":
                guard case .scalar(let scalar) = value, let flag = Bool(scalar.string) else {
                    error("`\(path)` must be true or false", at: value)
                    continue
                }
                config.options.mutable = flag
            case "client":
                guard case .scalar(let scalar) = value, let flag = Bool(scalar.string) else {
                    error("`\(path)` must be true or false", at: value)
                    continue
                }
                config.options.client = flag
            case "fileNames":
                guard let text = string(value, key: path) else { continue }
                guard let names = RenderOptions.SwiftFileNames(rawValue: text) else {
                    let known = RenderOptions.SwiftFileNames.allCases.map(\.rawValue).joined(separator: ", ")
                    error("`\(path)` must be one of \(known), not `\(text)`", at: value)
                    continue
                }
                config.options.swiftFileNames = names
            case "namespace":
                guard let name = string(value, key: path) else { continue }
                guard SwiftIdentifier.isTypeName(name) else {
                    error("`\(path)` must be a Swift type name, not `\(name)`", at: value)
                    continue
                }
                config.options.namespace = name
            case "typeNames":
                for (table, tableNode, nameNode) in freeMapping(value, key: path) {
                    guard let name = string(nameNode, key: "\(path).\(table)") else { continue }
                    guard SwiftIdentifier.isTypeName(name) else {
                        error("`\(path).\(table)` must be a Swift type name, not `\(name)`", at: nameNode)
                        continue
                    }
                    config.options.typeNames[table] = name
                    config.references.append(.init(key: path, table: table, location: location(tableNode)))
                }
            case "propertyNames":
                for (table, tableNode, columns) in freeMapping(value, key: path) {
                    config.references.append(.init(key: path, table: table, location: location(tableNode)))
                    for (column, columnNode, nameNode) in freeMapping(columns, key: "\(path).\(table)") {
                        let key = "\(path).\(table).\(column)"
                        guard let name = string(nameNode, key: key) else { continue }
                        guard SwiftIdentifier.isValid(name), !SwiftNaming.reservedMembers.contains(name) else {
                            error(
                                "`\(key)` must be a Swift identifier that a struct member can have, not `\(name)`",
                                at: nameNode)
                            continue
                        }
                        config.options.propertyNames[table, default: [:]][column] = name
                        config.references.append(
                            .init(key: path, table: table, column: column, location: location(columnNode)))
                    }
                }
            case "types":
                for (type, typeNode, swiftNode) in freeMapping(value, key: path) {
                    guard let dataType = DataType(parsing: type), dataType.isKnown else {
                        error(
                            "`\(path)` has unknown DDSQL type `\(type)` (known: \(DataType.Base.knownNames), "
                                + "or array<T> of one)",
                            at: typeNode)
                        continue
                    }
                    guard let swiftType = swiftType(swiftNode, key: "\(path).\(type)") else { continue }
                    config.options.swiftTypes[dataType.spelling] = swiftType
                }
            case "columnTypes":
                for (table, tableNode, columns) in freeMapping(value, key: path) {
                    config.references.append(.init(key: path, table: table, location: location(tableNode)))
                    for (column, columnNode, swiftNode) in freeMapping(columns, key: "\(path).\(table)") {
                        guard let swiftType = swiftType(swiftNode, key: "\(path).\(table).\(column)") else { continue }
                        config.options.columnSwiftTypes[table, default: [:]][column] = swiftType
                        config.references.append(
                            .init(key: path, table: table, column: column, location: location(columnNode)))
                    }
                }
            default:
                break
            }
        }
    }

    /// A Swift type as written in source (`String`, `[String: String]`, `Foundation.URL`), checked as
    /// Swift type syntax (`SwiftTypeSyntax`); that it exists and is `Codable`, `Hashable` and `Sendable`
    /// is the compiler's check.
    mutating func swiftType(_ node: Node, key: String) -> String? {
        guard let text = string(node, key: key) else { return nil }
        if let problem = SwiftTypeSyntax.problem(in: text) {
            error(
                "`\(key)` must be a non-optional Swift type such as `String` or `[String: String]`, not `\(text)` "
                    + "(\(problem))",
                at: node)
            return nil
        }
        return text
    }

    mutating func readRequired(_ node: Node, into config: inout SchemaGenConfig) {
        for (table, tableNode, columnsNode) in freeMapping(node, key: "required") {
            config.references.append(.init(key: "required", table: table, location: location(tableNode)))
            guard case .sequence(let sequence) = columnsNode else {
                error("`required.\(table)` must be a list of column names", at: columnsNode)
                continue
            }
            for item in sequence {
                guard let column = string(item, key: "required.\(table)[]") else { continue }
                config.options.requiredColumns[table, default: []].insert(column)
                config.references.append(.init(key: "required", table: table, column: column, location: location(item)))
            }
        }
    }

    /// Whether `a` is at most two edits from `b`, ignoring case, for "did you mean".
    static func isNear(_ a: String, _ b: String) -> Bool {
        let x = Array(a.lowercased())
        let y = Array(b.lowercased())
        guard !x.isEmpty, !y.isEmpty, abs(x.count - y.count) <= 2 else { return false }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count] <= 2
    }
}

/// Checks on names the user gives for generated Swift.
enum SwiftIdentifier {
    /// ASCII letters, digits and `_`, not starting with a digit.
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_")
        }
    }

    /// A valid identifier that is not a keyword nor one of the support types' names.
    static func isTypeName(_ name: String) -> Bool {
        isValid(name) && !SwiftNaming.keywords.contains(name) && !["JSONValue", "DDSQLJSON", "JSONText"].contains(name)
    }
}
