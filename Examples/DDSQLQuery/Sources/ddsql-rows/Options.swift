import DDSQLTables

/// The command line of `ddsql-rows`, checked: anything wrong is a `UsageError` (exit 2).
struct Options: Sendable {
    var table: String
    var limit: Int
    var site: String?
    var baseURL: String?
    var apiKey: String?
    var appKey: String?
    /// How long a query may stay `running` before giving up (the client's default when nil).
    var deadlineSeconds: Double?

    static let usage = """
        usage: ddsql-rows --table ID [--limit N] [--site SITE | --base-url URL] [--api-key K] [--app-key A]
                          [--deadline SECONDS]
        Prints every column of up to N rows (default 100) of the table from the last hour, one row of row JSON
        per line, then `N rows` or `N rows (truncated)` on stderr. Keys default to DD_API_KEY and DD_APP_KEY,
        the site to DD_SITE. Tables: \(TableRegistry.tableIDs.joined(separator: ", ")).
        """

    init(arguments: [String]) throws(UsageError) {
        var values: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            let flag = arguments[index]
            guard
                ["--table", "--limit", "--site", "--base-url", "--api-key", "--app-key", "--deadline"]
                    .contains(flag)
            else {
                throw UsageError(flag == "--help" || flag == "-h" ? "" : "unknown argument \(flag)")
            }
            guard index + 1 < arguments.count else { throw UsageError("\(flag) needs a value") }
            guard values[flag] == nil else { throw UsageError("\(flag) is given twice") }
            values[flag] = arguments[index + 1]
            index += 2
        }
        guard let table = values["--table"] else { throw UsageError("--table is required") }
        guard TableRegistry.tableIDs.contains(table) else {
            throw UsageError("unknown table \(table); known: \(TableRegistry.tableIDs.joined(separator: ", "))")
        }
        self.table = table
        if let text = values["--limit"] {
            guard let limit = Int(text), (1...10_000).contains(limit) else {
                throw UsageError("--limit must be a whole number from 1 to 10000, not \(text)")
            }
            self.limit = limit
        } else {
            limit = 100
        }
        if values["--site"] != nil && values["--base-url"] != nil {
            throw UsageError("give --site or --base-url, not both")
        }
        site = values["--site"]
        baseURL = values["--base-url"]
        apiKey = values["--api-key"]
        appKey = values["--app-key"]
        if let text = values["--deadline"] {
            guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
                throw UsageError("--deadline must be a positive number of seconds, not \(text)")
            }
            deadlineSeconds = seconds
        }
    }
}

/// A command line `ddsql-rows` cannot run; the message is empty for `--help`.
struct UsageError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
