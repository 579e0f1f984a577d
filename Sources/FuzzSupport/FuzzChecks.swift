import Foundation
import SchemaGenKit

/// Invariants the fuzz targets check on every input: a violation traps, so libFuzzer records it.
public enum FuzzChecks {
    /// Parsing never crashes; a table comes back exactly when there is no error; every diagnostic
    /// has a location inside the page.
    public static func checkExtraction(_ page: Page, format: PageFormat) {
        let (table, diagnostics) = SchemaLoader.extractTable(from: page, format: format)
        if table == nil { precondition(diagnostics.hasErrors, "no table and no error") }
        // Lines end at \n, \r\n or a lone \r; a location may sit at most one past the last line.
        let lineCount =
            1
            + page.bytes.indices.filter { i in
                page.bytes[i] == 0x0A
                    || (page.bytes[i] == 0x0D && (i + 1 == page.bytes.count || page.bytes[i + 1] != 0x0A))
            }.count
        for diagnostic in diagnostics {
            if let location = diagnostic.location {
                precondition(
                    location.line >= 1 && location.line <= lineCount && location.column >= 1,
                    "location \(location) outside the page's \(lineCount) lines")
            }
        }
        // A table comes with errors too (the rows that could be read); without errors it is complete.
        if let table, !diagnostics.hasErrors {
            precondition(!table.fields.isEmpty, "a table without fields and no error")
            precondition(Set(table.fields.map(\.name)).count == table.fields.count, "duplicate field kept")
        }
    }

    /// The whole pipeline on one page: every output path stays inside the output folder and every
    /// JSON Schema is JSON.
    public static func checkPipeline(_ page: Page, format: PageFormat) {
        checkExtraction(page, format: format)
        // Like the real pipeline, render only what loaded without errors.
        let (loaded, diagnostics) = SchemaLoader.extractTable(from: page, format: format)
        guard let table = loaded, !diagnostics.hasErrors else { return }
        let (files, _) = Renderer().render(Schema(tables: [table]))
        for file in files {
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            precondition(parts.count == 2 && !parts.contains("..") && !parts.contains(""), "unsafe path \(file.path)")
            if file.path.hasSuffix(".json") {
                precondition((try? JSONSerialization.jsonObject(with: Data(file.bytes))) != nil, "invalid JSON")
            }
        }
    }
}
