import Foundation
import Testing

@testable import SchemaGenKit

/// The declared context of each template (`TemplateContextDeclaration`) against the three places that
/// must agree with it: the contexts `TemplateContexts` builds, the names the templates read, and the
/// key tables of `Documentation/Templates.md`.
@Suite struct TemplateContextDeclarationTests {
    /// Every context schemagen builds for the pages in `docs-input/`, with options that switch the
    /// optional parts on and off (a namespace or none, each table's first column required or none, the
    /// DDSQL client code or none), so that every list has items to check.
    static func builtContexts() -> [(name: TemplateSet.Name, label: String, context: FlatContext)] {
        let schema = SchemaLoader.load(inputs: [Fixtures.docsInput]).schema
        let firstColumnsRequired = RenderOptions(
            namespace: "DDSQL",
            requiredColumns: Dictionary(
                uniqueKeysWithValues: schema.tables.map { ($0.id, Set($0.fields.prefix(1).map(\.name))) }),
            client: true)
        var built: [(TemplateSet.Name, String, FlatContext)] = []
        for options in [RenderOptions(), firstColumnsRequired] {
            for model in SwiftModelBuilder.build(schema, options: options).tables {
                built.append((.swiftTable, model.tableID, TemplateContexts.swiftTable(model, access: options.access)))
            }
            let support = TemplateContexts.swiftSupport(
                access: "public", namespace: options.namespace, client: options.client)
            built.append((.swiftSupport, "support", support))
            let catalog = TemplateContexts.sqlCatalog(SQLModelBuilder.build(schema, options: options))
            built += [(.postgres, "catalog", catalog), (.sqlite, "catalog", catalog)]
            for model in JSONSchemaModelBuilder.build(schema, options: options).tables {
                built.append((.jsonSchemaTable, model.tableID, TemplateContexts.jsonSchemaTable(model)))
            }
        }
        return built
    }

    /// The built contexts have exactly the declared keys, each of the declared kind, at every level.
    @Test func everyBuiltContextHasExactlyTheDeclaredKeys() {
        var problems: [String] = []
        var filledLists: Set<String> = []
        let built = Self.builtContexts()
        for (name, label, context) in built {
            Self.compare(
                context.tree, with: name.contextDeclaration.keys, at: "\(name.rawValue) (\(label))",
                listPath: name.rawValue, problems: &problems, filledLists: &filledLists)
        }
        if !problems.isEmpty {
            let first = problems.prefix(20).joined(separator: "\n")
            Issue.record(Comment(rawValue: "\(problems.count) problems, the first:\n" + first))
        }
        // Every declared list had items somewhere, so its items' keys were compared too.
        var declaredLists: Set<String> = []
        for name in TemplateSet.Name.allCases {
            Self.collectLists(name.contextDeclaration.keys, under: name.rawValue, into: &declaredLists)
        }
        let neverFilled = declaredLists.subtracting(filledLists).sorted()
        #expect(neverFilled.isEmpty, "never filled: \(neverFilled)")
        #expect(built.count == 2 * (30 + 1 + 2 + 30))
    }

    /// Compares one object of a context with its declared keys, recursing into lists.
    static func compare(
        _ value: TemplateValue, with keys: [TemplateContextDeclaration.Key], at place: String, listPath: String,
        problems: inout [String], filledLists: inout Set<String>
    ) {
        guard case .object(let object) = value else {
            problems.append("\(place): not an object but \(value)")
            return
        }
        let builtNames = object.entries.map(\.0.name)
        if Set(builtNames).count != builtNames.count {
            problems.append("\(place): a key is set twice: \(builtNames)")
        }
        let declaredNames = keys.map(\.name)
        let extra = Set(builtNames).subtracting(declaredNames).sorted()
        let missing = Set(declaredNames).subtracting(builtNames).sorted()
        if !extra.isEmpty { problems.append("\(place): built but not declared: \(extra)") }
        if !missing.isEmpty { problems.append("\(place): declared but not built: \(missing)") }
        for key in keys {
            guard let member = object[key.key] else { continue }
            let at = "\(place).\(key.name)"
            switch (key.kind, member) {
            case (.text, .text), (.flag, .bool):
                continue
            case (.lines, .list(let items)):
                if !items.allSatisfy({ if case .text = $0 { true } else { false } }) {
                    problems.append("\(at): declared lines, has an item that is not text")
                }
            case (.list(let itemKeys), .list(let items)):
                compareItems(items, with: itemKeys, at: at, listPath + "." + key.name, &problems, &filledLists)
            case (.list(let itemKeys), .items(let lazy)):
                compareItems(lazy.all, with: itemKeys, at: at, listPath + "." + key.name, &problems, &filledLists)
            default:
                problems.append("\(at): declared \(key.kind), built \(member)")
            }
        }
    }

    static func compareItems(
        _ items: [TemplateValue], with keys: [TemplateContextDeclaration.Key], at place: String, _ listPath: String,
        _ problems: inout [String], _ filledLists: inout Set<String>
    ) {
        if !items.isEmpty { filledLists.insert(listPath) }
        for (i, item) in items.enumerated() {
            let at = "\(place)[\(i)]"
            compare(item, with: keys, at: at, listPath: listPath, problems: &problems, filledLists: &filledLists)
        }
    }

    static func collectLists(
        _ keys: [TemplateContextDeclaration.Key], under path: String, into lists: inout Set<String>
    ) {
        for key in keys {
            if case .list(let itemKeys) = key.kind {
                lists.insert("\(path).\(key.name)")
                collectLists(itemKeys, under: "\(path).\(key.name)", into: &lists)
            }
        }
    }

    /// Every name each bundled template reads is offered where it reads it.
    @Test(arguments: TemplateSet.Name.allCases)
    func bundledTemplateReadsOnlyDeclaredKeys(_ name: TemplateSet.Name) throws {
        let source = try #require(BundledTemplates.sources[name.rawValue])
        let undeclared = try name.contextDeclaration.undeclaredNames(in: source)
        #expect(undeclared.isEmpty, "\(name.rawValue).mustache: \(undeclared.map(\.description))")
    }

    /// One misspelt name in a bundled template is caught, at its place.
    @Test func aMisspeltKeyInABundledTemplateIsFound() throws {
        let source = try #require(BundledTemplates.sources[TemplateSet.Name.swiftTable.rawValue])
        let broken = source.replacingOccurrences(
            of: "{{ declaredType }}{{^isRequired}}", with: "{{ declaredTyp }}{{^isRequired}}")
        #expect(broken != source)
        let undeclared = try TemplateContextDeclaration.swiftTable.undeclaredNames(in: broken)
        #expect(
            undeclared.map(\.description).contains(
                "`declaredTyp` inside {{#properties}}: no such key here (did you mean `declaredType`?)"))
        #expect(undeclared.allSatisfy { $0.description.hasPrefix("`declaredTyp` inside ") }, "\(undeclared)")
    }

    /// A user's template: what is readable depends on the sections around a name.
    @Test func namesAreCheckedAgainstTheKeysOfTheSectionsAroundThem() throws {
        let template = """
            {{%CONTENT_TYPE: TEXT}}
            {{ typeName }} {{ column }} {{ properties }} {{ . }} {{ title.text }}
            {{#properties}}{{ column }}{{ typeName }}{{ indent }}{{ colum }}
            {{#hasTitle}}{{ title }}{{ summry }}{{/hasTitle}}{{/properties}}
            {{#summaryLines}}{{ docComment(.) }}{{ tableID }}{{/summaryLines}}
            {{^properties}}{{ none }}{{/properties}}
            {{#nothing}}{{ inside }}{{/nothing}}
            {{#deprecated}}{{ . }}{{/deprecated}}
            """
        let undeclared = try TemplateContextDeclaration.swiftTable.undeclaredNames(in: template)
        #expect(
            undeclared.map(\.description) == [
                "`column` at the top level: no such key here",
                "`properties` at the top level: a list renders nothing as a variable; "
                    + "open it as a section, `{{#properties}}`",
                "`.` at the top level: `.` is a line only inside a section over lines (`summaryLines`)",
                "`title.text` at the top level: `title` has no keys of its own; dotted names find nothing",
                "`colum` inside {{#properties}}: no such key here (did you mean `column`?)",
                "`summry` inside {{#properties}} {{#hasTitle}}: no such key here (did you mean `summary`?)",
                "`none` inside {{^properties}}: no such key here",
                "`nothing` at the top level: no such key here",
                "`.` inside {{#deprecated}}: `.` is a line only inside a section over lines (`summaryLines`)",
            ])
    }

    /// The same checks reach the other templates' item keys: a SQL column's key outside `columns`.
    @Test func anItemKeyOutsideItsListIsFound() throws {
        let template = """
            {{#tables}}{{ tableName }}{{ postgresType }}
            {{#columns}}{{ postgresType }}{{ tableName }}{{/columns}}{{/tables}}
            """
        let undeclared = try TemplateContextDeclaration.sqlCatalog.undeclaredNames(in: template)
        #expect(undeclared.map(\.description) == ["`postgresType` inside {{#tables}}: no such key here"])
    }

    // MARK: Documentation/Templates.md

    static let documentation = Fixtures.repoRoot + "/Documentation/Templates.md"

    /// The key tables of `Documentation/Templates.md` are exactly the declarations, as `keyTable` writes them.
    /// `SCHEMAGEN_UPDATE_DOCS=1` rewrites them first.
    @Test func theTemplatesReferenceListsExactlyTheDeclaredKeys() throws {
        var text = try String(contentsOfFile: Self.documentation, encoding: .utf8)
        // The SQL scripts share one context, listed once (under `postgres`).
        let documented: [TemplateSet.Name] = [.swiftTable, .swiftSupport, .postgres, .jsonSchemaTable]
        #expect(TemplateSet.Name.sqlite.contextDeclaration == TemplateSet.Name.postgres.contextDeclaration)
        if ProcessInfo.processInfo.environment["SCHEMAGEN_UPDATE_DOCS"] == "1" {
            for name in documented {
                let range = try #require(Self.keysBlock(name, in: text), "no keys markers for \(name.rawValue)")
                text.replaceSubrange(range, with: Self.keyTable(name.contextDeclaration))
            }
            try text.write(toFile: Self.documentation, atomically: true, encoding: .utf8)
        }
        for name in documented {
            let range = try #require(Self.keysBlock(name, in: text), "no `<!-- keys: \(name.rawValue) -->` block")
            let expected = Self.keyTable(name.contextDeclaration)
            let documentedTable = String(text[range])
            if documentedTable != expected {
                Issue.record(
                    """
                    Documentation/Templates.md, keys of \(name.rawValue), differs from the declaration:
                    \(LineDiff.unified(old: expected, new: documentedTable, oldName: "declared", newName: "documented"))
                    Rewrite it with SCHEMAGEN_UPDATE_DOCS=1 swift test --filter TemplateContextDeclarationTests
                    """)
            }
        }
        // Every filter is documented, as it is called.
        for filter in TemplateFilter.allCases {
            #expect(text.contains("`{{ \(filter.rawValue)(x) }}`"), "filter \(filter.rawValue) is not documented")
        }
    }

    /// The text between `<!-- keys: NAME -->` and the next `<!-- /keys -->`, markers excluded.
    static func keysBlock(_ name: TemplateSet.Name, in text: String) -> Range<String.Index>? {
        guard let open = text.range(of: "<!-- keys: \(name.rawValue) -->\n"),
            let close = text.range(of: "<!-- /keys -->", range: open.upperBound..<text.endIndex)
        else { return nil }
        return open.upperBound..<close.lowerBound
    }

    /// A declaration as a Markdown table, an item's keys after their list as `list` › `key`.
    static func keyTable(_ declaration: TemplateContextDeclaration) -> String {
        var rows = ["| Key | Kind | Meaning |", "| --- | ---- | ------- |"]
        func add(_ keys: [TemplateContextDeclaration.Key], path: String) {
            for key in keys {
                let name = path + "`\(key.name)`"
                switch key.kind {
                case .text: rows.append("| \(name) | text | \(key.meaning) |")
                case .flag: rows.append("| \(name) | flag | \(key.meaning) |")
                case .lines: rows.append("| \(name) | lines | \(key.meaning) |")
                case .list(let itemKeys):
                    rows.append("| \(name) | list | \(key.meaning) |")
                    add(itemKeys, path: name + " › ")
                }
            }
        }
        add(declaration.keys, path: "")
        return rows.joined(separator: "\n") + "\n"
    }
}
