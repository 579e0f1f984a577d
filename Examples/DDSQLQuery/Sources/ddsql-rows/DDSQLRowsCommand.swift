import DDSQLClient
import DDSQLTables
import Foundation

/// `ddsql-rows`: exit 0 on success, 1 on an API, network or decoding error, 2 on a usage error, 130 when
/// interrupted (SIGINT cancels the query's task, which stops polling).
@main
enum DDSQLRowsCommand {
    static func main() async {
        let options: Options
        do {
            options = try Options(arguments: Array(CommandLine.arguments.dropFirst()))
        } catch {
            fail(error.message.isEmpty ? Options.usage : "ddsql-rows: \(error.message)\n\(Options.usage)", code: 2)
        }
        var policy = DDSQLPolicy()
        if let seconds = options.deadlineSeconds { policy.deadline = .milliseconds(Int64(seconds * 1000)) }
        let configuration: DDSQLConfiguration
        do {
            configuration = try DDSQLConfiguration.fromEnvironment(
                site: options.site, baseURL: options.baseURL, apiKey: options.apiKey, applicationKey: options.appKey,
                policy: policy)
        } catch {
            fail("ddsql-rows: \(error)\n\(Options.usage)", code: 2)
        }
        let client = DDSQLQueryClient(configuration: configuration)
        let fetch = TableRegistry.fetches[options.table]!
        let task = Task { try await fetch(client, options.limit) }
        let interrupt = Interrupt(cancelling: task)
        let page: RowsPage
        do {
            page = try await task.value
        } catch is CancellationError {
            fail("ddsql-rows: interrupted; the query was cancelled", code: 130)
        } catch {
            fail("ddsql-rows: \(error)", code: 1)
        }
        interrupt.stop()
        var output = page.lines.joined(separator: "\n")
        if !page.lines.isEmpty { output += "\n" }
        FileHandle.standardOutput.write(Data(output.utf8))
        for warning in page.warnings {
            FileHandle.standardError.write(Data("ddsql-rows: warning: \(warning)\n".utf8))
        }
        let count = page.lines.count == 1 ? "1 row" : "\(page.lines.count) rows"
        FileHandle.standardError.write(Data((count + (page.truncated ? " (truncated)" : "") + "\n").utf8))
    }

    static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(code)
    }
}
