/// The first stages of the pipeline on their own, for what needs a schema and no output (`dump`,
/// `diff`, tests): find pages → parse each → build the schema.
public enum SchemaLoader {
    public struct Result: Sendable {
        public var schema: Schema
        /// Sorted by location, so output is the same whatever order pages were parsed in.
        public var diagnostics: [Diagnostic]
    }

    public static func load(inputs: [String], limits: ParseLimits = .default) -> Result {
        let found = GeneratorPipeline.findPages(inputs)
        let (schema, diagnostics) = GeneratorPipeline.buildSchema(
            found, GeneratorPipeline.parsePages(found.paths, limits: limits))
        return Result(schema: schema, diagnostics: diagnostics)
    }

    /// Reads and parses one page: never throws, every problem is a diagnostic.
    public static func extractTable(path: String, limits: ParseLimits = .default)
        -> (table: Table?, diagnostics: [Diagnostic])
    {
        let page = GeneratorPipeline.parsePage(path, limits: limits)
        return (page.table, page.diagnostics)
    }

    public static func extractTable(from page: Page, format: PageFormat, limits: ParseLimits = .default)
        -> (table: Table?, diagnostics: [Diagnostic])
    {
        GeneratorPipeline.extractTable(from: page, format: format, limits: limits)
    }
}
