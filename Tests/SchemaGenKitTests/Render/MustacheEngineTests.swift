import Foundation
import Mustache
import Testing

@testable import SchemaGenKit

/// schemagen's own Mustache renderer (`CompiledTemplate`): the spec's rules one by one, and the same
/// bytes as swift-mustache, a spec-compliant engine, on every case.
@Suite struct MustacheEngineTests {
    static func render(_ template: String, _ context: TemplateValue) throws -> String {
        String(decoding: try CompiledTemplate(template).render(context), as: UTF8.self)
    }

    /// The same context as swift-mustache sees it: dictionaries, arrays, and text that carries the filters.
    static func reference(_ value: TemplateValue) -> Any {
        switch value {
        case .text(let s): ReferenceText(s)
        case .bool(let b): b
        case .list(let items): items.map(reference)
        case .items(let items): items.all.map(reference)
        case .object(let members): members.dictionary.mapValues(reference)
        }
    }

    static func referenceRender(_ template: String, _ context: TemplateValue) throws -> String {
        try MustacheTemplate(string: template).render(reference(context))
    }

    static let cases: [(String, TemplateValue)] = [
        ("Hello {{name}}!", ["name": "World"]),
        ("{{a}} & {{{a}}} & {{& a}}", ["a": "<b>\"x\" & 'y'</b>"]),
        ("{{%CONTENT_TYPE: TEXT}}\n{{a}}", ["a": "<b>&</b>"]),
        ("{{missing}}|{{#missing}}x{{/missing}}|{{^missing}}y{{/missing}}", [:]),
        ("{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", ["flag": true]),
        ("{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}", ["flag": false]),
        ("{{#list}}[{{.}}]{{/list}}", ["list": ["a", "b", "c"]]),
        ("{{#list}}x{{/list}}{{^list}}empty{{/list}}", ["list": []]),
        (
            "{{#items}}{{name}}={{outer}};{{/items}}",
            ["outer": "O", "items": [["name": "a"], ["name": "b", "outer": "shadow"]]]
        ),
        ("{{a.b.c}} {{#a}}{{b.c}}{{/a}}", ["a": ["b": ["c": "deep"]]]),
        ("{{#obj}}{{x}}{{/obj}}", ["obj": ["x": "in"]]),
        ("Begin\n{{#s}}\nline\n{{/s}}\nEnd\n", ["s": true]),
        ("Begin\n  {{#s}}  \n  line\n  {{/s}}\t\nEnd", ["s": true]),
        ("| {{#s}}inline{{/s}} |\n", ["s": true]),
        ("a\n{{! a comment }}\nb\n  {{! indented }}\nc", [:]),
        ("x\r\n{{#s}}\r\ny\r\n{{/s}}\r\nz", ["s": true]),
        ("{{#s}}\n{{/s}}", ["s": true]),
        (
            "{{%CONTENT_TYPE: TEXT}}\n{{#rows}}\n    {{ swiftString(name) }}{{ comma }}\n{{/rows}}\n",
            [
                "rows": [["name": "a\"b", "comma": ","], ["name": "c\\d", "comma": ""]]
            ]
        ),
        (
            "{{%CONTENT_TYPE: TEXT}}\n{{ sqlString(t) }} {{ sqlIdentifier(t) }} {{ json(t) }} {{ docComment(t) }} {{ sqlComment(t) }}",
            [
                "t": "it's \"q\"\nnext"
            ]
        ),
        ("{{#lines}}/// {{ docComment(.) }}\n{{/lines}}", ["lines": ["one", "two"]]),
        ("{{bool}}", ["bool": true]),
        ("ünïcødé {{x}} ✓", ["x": "日本"]),
    ]

    @Test(arguments: cases.indices)
    func sameBytesAsSwiftMustache(_ index: Int) throws {
        let (template, context) = Self.cases[index]
        #expect(try Self.render(template, context) == Self.referenceRender(template, context))
    }

    /// A long lazily made list, with items that read the outer context, shadow it, nest sections and
    /// are empty.
    @Test func aLongLazyListHasTheBytesOfSwiftMustache() throws {
        let count = 259
        let context: TemplateValue = .object([
            "outer": "O",
            "rows": .items(
                TemplateItems(count: count) { i in
                    i % 7 == 0
                        ? .object(["outer": .text("shadow\(i)"), "cells": .list([])])
                        : .object(["name": .text("r\(i) <&>"), "cells": .list((0..<(i % 4)).map { .text("c\($0)") })])
                }),
        ])
        let template =
            "{{#rows}}\n{{name}}/{{outer}}:{{#cells}}[{{.}}]{{/cells}}{{^cells}}none{{/cells}}\n{{/rows}}\nend\n"
        let rendered = try Self.render(template, context)
        #expect(rendered == (try Self.referenceRender(template, context)))
        #expect(rendered.hasPrefix("/shadow0:none\nr1 &lt;&amp;&gt;/O:[c0]\n"))
    }

    /// Head, then the body for each item on top of the whole context, then tail: the whole template's bytes.
    @Test func aTemplateSplitAroundItsListRendersTheSameBytesInParts() throws {
        let items: [TemplateValue] = (0..<23).map { i in
            i % 5 == 0
                ? .object(["outer": .text("shadow\(i)"), "cells": .list([])])
                : .object(["name": .text("r\(i) <&>"), "cells": .list((0..<(i % 4)).map { .text("c\($0)") })])
        }
        let context: TemplateValue = .object([
            "outer": "O", "flag": true, "rows": .items(TemplateItems(count: items.count) { items[$0] }),
        ])
        let template =
            "top {{outer}}\n{{#flag}}yes\n{{/flag}}{{#rows}}\n{{name}}/{{outer}}:{{#cells}}[{{.}}]{{/cells}}"
            + "{{^cells}}none{{/cells}}{{#flag}}!{{/flag}}\n{{/rows}}\nend {{outer}}\n"
        let compiled = try CompiledTemplate(template)
        let split = try #require(compiled.split(around: "rows"))
        let root = FlatContext(context)
        var parts = split.head.render(root)
        for item in items { parts += split.body.render(FlatContext(item), under: root) }
        parts += split.tail.render(root)
        #expect(String(decoding: parts, as: UTF8.self) == (try Self.render(template, context)))
        // Not cut when the list is read anywhere else, or not at the top level: only whole renders are right.
        for other in [
            "{{#rows}}a{{/rows}}{{#rows}}b{{/rows}}", "{{^rows}}none{{/rows}}{{#rows}}b{{/rows}}",
            "{{#rows}}{{#rows}}x{{/rows}}{{/rows}}", "{{#flag}}{{#rows}}x{{/rows}}{{/flag}}",
            "{{#rows}}{{/rows}}{{rows.x}}", "no list",
        ] {
            #expect(try CompiledTemplate(other).split(around: "rows") == nil, "\(other)")
        }
        #expect(try CompiledTemplate("{{#rows}}x{{/rows}}").split(around: "rows") != nil)
    }

    @Test func laterKeysOfAnObjectWinAsInADictionary() {
        var object: TemplateObject = ["a": "1", "b": "2", "a": "3"]
        #expect(object["a"] == .text("3"))
        #expect(object.dictionary == ["a": .text("3"), "b": .text("2")])
        object["a"] = "4"
        #expect(object["a"] == .text("4"))
        object["a"] = nil
        #expect(object["a"] == nil, "removing a key removes every entry for it")
        #expect(object.dictionary == ["b": .text("2")])
    }

    @Test func specBehaviourSpelledOut() throws {
        #expect(try Self.render("Begin\n{{#s}}\nline\n{{/s}}\nEnd\n", ["s": true]) == "Begin\nline\nEnd\n")
        #expect(try Self.render("| {{#s}}inline{{/s}} |", ["s": true]) == "| inline |")
        #expect(try Self.render("{{a}}", ["a": "<&>"]) == "&lt;&amp;&gt;")
        #expect(try Self.render("{{%CONTENT_TYPE: TEXT}}\n{{a}}", ["a": "<&>"]) == "<&>")
        #expect(
            try Self.render("{{#items}}{{name}}{{outer}} {{/items}}", ["outer": "!", "items": [["name": "a"]]]) == "a! "
        )
        // A filter's output is HTML-escaped like any variable's, a flag's as much as a text's.
        #expect(
            try Self.render("{{ swiftString(a) }} {{ swiftString(f) }}", ["a": "x", "f": true])
                == "&quot;x&quot; &quot;true&quot;")
        #expect(
            try Self.render("{{%CONTENT_TYPE: TEXT}}\n{{ swiftString(f) }} {{f}}", ["f": false]) == "\"false\" false")
    }

    /// The flat form a context is rendered from keeps every value, and a later key of an object
    /// hides an earlier one there too.
    @Test func aContextLaidOutFlatIsTheSameContext() throws {
        let tree: TemplateValue = .object([
            "a": "1", "list": .list(["x", true, .list([]), .object(["k": "v"])]), "a": "3",
            "rows": .items(TemplateItems(count: 2) { .object(["n": .text("r\($0)")]) }),
        ])
        let flat = FlatContext(tree).tree
        guard case .object(let object) = flat else {
            Issue.record("not an object")
            return
        }
        #expect(object["a"] == "3")
        #expect(object["list"] == .list(["x", true, .list([]), .object(["k": "v"])]))
        #expect(object["rows"] == .items(TemplateItems(count: 2) { .object(["n": .text("r\($0)")]) }))
        #expect(try Self.render("{{a}}{{#rows}}{{n}}{{/rows}}", tree) == "3r0r1")
    }

    @Test(arguments: [
        ("{{#open}}never closed", "1:1: section `open` is never closed"),
        ("{{#a}}{{/b}}", "1:7: `{{/b}}` closes `a`, opened at 1:1"),
        ("x\n  {{/a}}", "2:3: `{{/a}}` closes no section"),
        ("{{name", "1:1: tag is never closed with `}}`"),
        (
            "{{ shout(x) }}",
            "1:1: unknown filter `shout` (known: swiftString, docComment, sqlString, sqlIdentifier, sqlComment, json)"
        ),
        (
            "{{> partial}}",
            "1:1: `{{>` (partials, blocks and delimiter changes) is not supported by schemagen's templates"
        ),
        ("{{%PRAGMA}}", "1:1: unknown pragma `PRAGMA` (supported: CONTENT_TYPE: TEXT, CONTENT_TYPE: HTML)"),
        ("{{a b}}", "1:1: `a b` is not a valid name"),
    ])
    func syntaxErrorsAreReportedWithTheirPlace(_ template: String, _ message: String) {
        #expect(throws: TemplateSyntaxError.self) { try CompiledTemplate(template) }
        do {
            _ = try CompiledTemplate(template)
        } catch {
            #expect(error.description == message)
        }
    }
}

/// Text for swift-mustache with the same filters schemagen's renderer has.
struct ReferenceText: MustacheTransformable, MustacheCustomRenderable {
    var text: String
    init(_ text: String) { self.text = text }
    func transform(_ name: String) -> Any? { TemplateFilter(rawValue: name)?.apply(text) }
    var renderText: String { text }
    var isNull: Bool { false }
}
