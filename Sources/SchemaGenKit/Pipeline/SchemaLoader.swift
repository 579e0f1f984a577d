import Dispatch
import Foundation

/// The first half of the pipeline, from the user's INPUT arguments to one schema:
/// find pages → read bytes → parse each page (in parallel) → extract its table → build the schema.
public enum SchemaLoader {
    public struct Result: Sendable {
        public var schema: Schema
        /// Sorted by location, so output is the same whatever order pages were parsed in.
        public var diagnostics: [Diagnostic]
    }

    public static func load(inputs: [String]) -> Result {
        let found = PageFinder.find(inputs)
        let extracted = extractTables(paths: found.paths)
        var diagnostics = found.diagnostics
        var tables: [Table] = []
        for item in extracted {
            diagnostics += item.diagnostics
            if let table = item.table { tables.append(table) }
        }
        let (schema, schemaDiagnostics) = SchemaBuilder.build(tables)
        diagnostics += schemaDiagnostics
        return Result(schema: schema, diagnostics: diagnostics.sortedForDisplay())
    }

    /// Reads and parses one page: never throws, every problem is a diagnostic.
    public static func extractTable(path: String) -> (table: Table?, diagnostics: [Diagnostic]) {
        guard let format = PageFormat(path: path) else {
            return (nil, [.error("not a page: \(path)")])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, [.error("cannot read \(path)")])
        }
        return extractTable(from: Page(path: path, bytes: [UInt8](data)), format: format)
    }

    public static func extractTable(from page: Page, format: PageFormat) -> (table: Table?, diagnostics: [Diagnostic]) {
        TableExtractor.table(from: format.parser.outline(of: page))
    }

    /// Parses pages on all cores; results keep the order of `paths`.
    static func extractTables(paths: [String]) -> [(table: Table?, diagnostics: [Diagnostic])] {
        let results = ResultSlots<(table: Table?, diagnostics: [Diagnostic])>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            results[i] = extractTable(path: paths[i])
        }
        return results.values
    }
}

/// Fixed slots that parallel workers each fill once, at their own index.
final class ResultSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    /// All values; call after every slot was filled.
    var values: [Value] { lock.withLock { storage.map { $0! } } }
}
