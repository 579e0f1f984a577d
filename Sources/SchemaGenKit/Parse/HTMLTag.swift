/// An element's start as the outline reader needs it: which element, the few attribute facts it
/// acts on, and the line it starts on. A plain value, so the reader can hold a stretch of events
/// back and replay them (an alert's content, until its text is known).
struct HTMLTag {
    var element: HTMLElement
    /// `<h1 id="pagetitle">`: the site's page title, preferred over any other `<h1>`.
    var isPageTitle = false
    /// `<div class="ddsql-schema-single">`: the block that holds the table's summary.
    var isSchemaBlock = false
    /// `<div class="alert">`: a notice that may say the table is deprecated.
    var isAlert = false
    var line: Int
}

/// The elements the outline reader acts on, told apart by their name bytes (libxml2's HTML parser
/// lower-cases tag names), so reading a page makes no String per element.
enum HTMLElement: Equatable {
    case h1, h2, div, p, pre, table, tr, td, th, br
    /// `script`, `style`, `head`: never part of the page's content.
    case skipped
    case other

    /// The element named by the NUL-terminated `name`.
    init(name: UnsafePointer<UInt8>) {
        func rest(_ literal: StaticString) -> Bool { HTMLName.equals(name + 1, literal) }
        switch name[0] {
        case UInt8(ascii: "h"):
            self = rest("1") ? .h1 : rest("2") ? .h2 : rest("ead") ? .skipped : .other
        case UInt8(ascii: "d"):
            self = rest("iv") ? .div : .other
        case UInt8(ascii: "p"):
            self = rest("") ? .p : rest("re") ? .pre : .other
        case UInt8(ascii: "t"):
            self = rest("r") ? .tr : rest("d") ? .td : rest("h") ? .th : rest("able") ? .table : .other
        case UInt8(ascii: "b"):
            self = rest("r") ? .br : .other
        case UInt8(ascii: "s"):
            self = rest("cript") || rest("tyle") ? .skipped : .other
        default:
            self = .other
        }
    }
}

/// Comparing libxml2's NUL-terminated names and values without making Strings.
enum HTMLName {
    /// Whether the NUL-terminated `cString` is exactly `literal`.
    static func equals(_ cString: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        for i in 0..<count where cString[i] != bytes[i] { return false }
        return cString[count] == 0
    }

    /// Whether the class list `value` names `className`.
    ///
    /// Classes are split at spaces, tabs and line feeds taken as Characters, so a `\r\n` or a
    /// combining mark after a space does not split. Values that are ASCII without `\r` (all real
    /// ones) have one Character per byte and are split as bytes; others as Characters.
    static func classList(_ value: UnsafeBufferPointer<UInt8>, contains className: StaticString) -> Bool {
        let isPlain = value.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") }
        guard isPlain else {
            let classes = String(decoding: value, as: UTF8.self)
                .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            return classes.contains(Substring(String(describing: className)))
        }
        let wanted = UnsafeBufferPointer(start: className.utf8Start, count: className.utf8CodeUnitCount)
        var tokenStart = 0
        for i in 0...value.count where i == value.count || value[i] == 0x20 || value[i] == 0x09 || value[i] == 0x0A {
            if UnsafeBufferPointer(rebasing: value[tokenStart..<i]).elementsEqual(wanted) { return true }
            tokenStart = i + 1
        }
        return false
    }
}

extension TextFolder {
    /// An element's start inside text read whole: `<br>` is white space, any other tag nothing.
    mutating func append(_ tag: HTMLTag) {
        if tag.element == .br { appendSpace() }
    }
}
