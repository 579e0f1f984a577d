import Dispatch
import Foundation

/// The first half of the pipeline, from the user's INPUT arguments to one schema:
/// find pages → read bytes → parse each page (in parallel) → extract its table → build the schema.
public enum SchemaLoader {
    public struct Result: Sendable {
        public var schema: Schema
        /// Sorted by location, so output is the same whatever order pages were parsed in.
        public var diagnostics: [Diagnostic]
        /// What each page parsed to, in the order of the pages found (for the parse cache).
        var pages: [PageExtraction] = []
        /// The size and digest of the bytes read of each page parsed in this load, by index (pages
        /// taken from the parse cache were not read): the generation cache records them without
        /// reading the pages a second time.
        var digests: [Int: PageDigest] = [:]
    }

    typealias PageDigest = (size: Int, hash: ContentHash)

    /// One page's parse: its table, if it defines one, and what was wrong with it.
    typealias PageExtraction = (table: Table?, diagnostics: [Diagnostic])

    public static func load(inputs: [String], limits: ParseLimits = .default) -> Result {
        load(PageFinder.find(inputs), limits: limits)
    }

    /// Loads pages already found (the caller looked at the list first, e.g. to consult a cache).
    public static func load(_ found: PageFinder.Result, limits: ParseLimits = .default) -> Result {
        load(found, limits: limits, reusing: [:])
    }

    /// Loads pages, taking the parse of those in `reusing` (by path) from there instead of the page:
    /// the parse cache's results for pages that did not change since.
    static func load(_ found: PageFinder.Result, limits: ParseLimits, reusing: [String: PageExtraction]) -> Result {
        let (extracted, digests) = extractTables(paths: found.paths, limits: limits, reusing: reusing)
        var diagnostics = found.diagnostics
        var tables: [Table] = []
        for item in extracted {
            diagnostics += item.diagnostics
            if let table = item.table { tables.append(table) }
        }
        let (schema, schemaDiagnostics) = SchemaBuilder.build(tables)
        diagnostics += schemaDiagnostics
        return Result(schema: schema, diagnostics: diagnostics.sortedForDisplay(), pages: extracted, digests: digests)
    }

    /// Reads and parses one page: never throws, every problem is a diagnostic.
    public static func extractTable(path: String, limits: ParseLimits = .default)
        -> (table: Table?, diagnostics: [Diagnostic])
    {
        readAndExtract(path: path, limits: limits).extraction
    }

    /// `extractTable(path:)`, with the size and digest of the bytes it read.
    static func readAndExtract(path: String, limits: ParseLimits) -> (extraction: PageExtraction, digest: PageDigest?) {
        guard let format = PageFormat(path: path) else {
            return ((nil, [.error("not a page: \(path)")]), nil)
        }
        switch PageReader.read(path: path, maxBytes: limits.maxPageBytes) {
        case .success(let bytes):
            let digest = (bytes.count, ContentHash(bytes))
            return (extractTable(from: Page(path: path, bytes: bytes), format: format, limits: limits), digest)
        case .failure(.tooLarge(let size)):
            return ((nil, [.error(
                "the page is \(size) bytes, over the limit of \(limits.maxPageBytes) bytes (--max-page-bytes)",
                at: SourceLocation(file: path, line: 1))]), nil)
        case .failure(.notRegularFile(let kind)):
            return ((nil, [.error("\(path) is \(kind), not a regular file: only regular files are read as pages")]), nil)
        case .failure(.unreadable):
            return ((nil, [.error("cannot read \(path)")]), nil)
        }
    }

    public static func extractTable(from page: Page, format: PageFormat, limits: ParseLimits = .default)
        -> (table: Table?, diagnostics: [Diagnostic])
    {
        if page.bytes.count > limits.maxPageBytes {
            return (nil, [.error(
                "the page is \(page.bytes.count) bytes, over the limit of \(limits.maxPageBytes) bytes (--max-page-bytes)",
                at: SourceLocation(file: page.path, line: 1))])
        }
        return TableExtractor.table(from: format.parser(limits: limits).outline(of: page))
    }

    /// Parses pages on all cores; results keep the order of `paths`.
    static func extractTables(paths: [String], limits: ParseLimits, reusing: [String: PageExtraction] = [:])
        -> (extractions: [PageExtraction], digests: [Int: PageDigest])
    {
        var results = paths.map { reusing[$0] }
        let missing = results.indices.filter { results[$0] == nil }
        let parsed = ResultSlots<(extraction: PageExtraction, digest: PageDigest?)>(count: missing.count)
        DispatchQueue.concurrentPerform(iterations: missing.count) { i in
            parsed[i] = readAndExtract(path: paths[missing[i]], limits: limits)
        }
        var digests: [Int: PageDigest] = [:]
        for (slot, i) in missing.enumerated() {
            let page = parsed[slot]!
            results[i] = page.extraction
            digests[i] = page.digest
        }
        return (results.map { $0! }, digests)
    }
}
