/// Reads the Query Parameters table of a polymorphic table function (`dd.logs(columns => ...)`):
/// `| Parameter | Type | Required | Description |`, names and types in backticks.
public enum QueryParametersReader {
    public static func read(_ table: RawTable) -> (parameters: [QueryParameter], diagnostics: [Diagnostic]) {
        var parameters: [QueryParameter] = []
        var diagnostics: [Diagnostic] = []
        for row in table.rows {
            let cells = row.cells.map(\.text)
            guard cells.count >= 3, !cells[0].isEmpty else {
                diagnostics.append(
                    .error(
                        "query parameter row needs `| Parameter | Type | Required | Description |`, "
                            + "found \(cells.count) cells",
                        at: row.location))
                continue
            }
            let requiredText = cells[2].lowercased()
            if requiredText != "yes", requiredText != "no" {
                diagnostics.append(
                    .warning(
                        "query parameter `Required` cell is `\(cells[2])`, expected Yes or No; read as No",
                        at: row.cells[2].location))
            }
            parameters.append(
                QueryParameter(
                    name: CellText.unquoteCode(cells[0]),
                    type: CellText.unquoteCode(cells[1]),
                    required: requiredText == "yes",
                    description: cells.count > 3 ? cells[3...].joined(separator: " | ") : "",
                    line: row.location.line))
        }
        return (parameters, diagnostics)
    }
}
