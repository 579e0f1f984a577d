import ArgumentParser
import Foundation
import SchemaGenKit

/// `schemagen fetch DIR`: mirrors the docs site's data-directory pages into DIR, so every other command
/// has its input, and a scheduled CI job can refresh it and `schemagen diff` it against a committed copy.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the data directory's pages from the docs site into a folder, incrementally.",
        discussion: """
            Reads the data directory's index, then saves each table's page as DIR/<table id>.md (or .html), \
            exactly as served. Reruns ask the site only whether each page changed (validators are kept beside \
            the generation cache, not in DIR). DIR changes all or nothing: if any page cannot be fetched, or the \
            index lists no tables (or fewer than half the pages DIR holds from the last fetch, unless \
            --allow-shrink), nothing changes and the exit status is 1. Files schemagen did not fetch are never \
            touched; pages no longer listed are removed. Settings may also come from the `fetch:` section of \
            schemagen.yml; options given here win.
            """
    )

    @Argument(help: "The folder to mirror the pages into (default: the config's fetch.folder).")
    var folder: String?

    @Option(name: .long, help: "The docs site (default: \(DocsSite.defaultBaseURL)).")
    var baseURL: String?

    @Option(
        name: .customLong("namespace"),
        help: ArgumentHelp("Only this namespace (aws, azure, gcp, oci, dd, k8s). Repeat for more.", valueName: "ns"))
    var namespaces: [String] = []

    @Option(
        name: .customLong("table"),
        help: ArgumentHelp(
            "Only this table: an id (aws.ec2_instance) or a pattern (aws.ec2_*; * is any run of characters, ? one "
                + "character). Repeat for more.", valueName: "id-or-pattern"))
    var tables: [String] = []

    @Option(name: .long, help: "At most this many requests at once (default: 8, at most 16).")
    var concurrency: Int?

    @Option(name: .long, help: "The pages' format: md (default) or html.")
    var format: String?

    @Option(name: .long, help: "Seconds one request may take (default: 30).")
    var timeout: Double?

    @Flag(name: .long, help: "Accept an index listing fewer than half the pages DIR holds from the last fetch.")
    var allowShrink = false

    @Flag(name: .long, help: "Print nothing but errors.")
    var quiet = false

    @Option(name: .long, help: "A schemagen.yml to read (default: ./schemagen.yml when present).")
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Where to keep the validators that make reruns conditional (default: $SCHEMAGEN_CACHE_DIR, "
                + "else $XDG_CACHE_HOME/schemagen, else ~/.cache/schemagen).", valueName: "dir"))
    var cacheDir: String?

    @Flag(name: .long, help: "Download every page unconditionally, ignoring and not writing the validators.")
    var noCache = false

    /// The first wait before a retry, in seconds (doubling from there); tests make it short.
    @Option(name: .long, help: .hidden)
    var retryBaseDelay: Double?

    /// Attempts per request, the first included.
    @Option(name: .long, help: .hidden)
    var retryAttempts: Int?

    func validate() throws {
        if let concurrency, !(1...FetchOptions.maxConcurrency).contains(concurrency) {
            throw ValidationError("--concurrency must be from 1 to \(FetchOptions.maxConcurrency)")
        }
        if let format, FetchFormat(rawValue: format) == nil { throw ValidationError("--format must be md or html") }
        if let timeout, !(timeout > 0 && timeout.isFinite) { throw ValidationError("--timeout must be above 0") }
        if let baseURL, DocsSite(baseURL: baseURL) == nil {
            throw ValidationError("--base-url must be an http or https URL such as \(DocsSite.defaultBaseURL)")
        }
        if tables.contains("") || namespaces.contains("") {
            throw ValidationError("--table and --namespace need a value, not an empty string")
        }
    }

    func run() throws {
        let (loaded, diagnostics) = ConfigLoader.locate(explicit: config)
        DiagnosticPrinter.print(diagnostics)
        if diagnostics.hasErrors { throw ExitCode.failure }
        let settings = loaded?.fetch ?? FetchConfig()
        guard let folder = folder ?? settings.folder else {
            throw ValidationError(
                "name the folder to fetch into (schemagen fetch DIR), or set fetch.folder in schemagen.yml")
        }
        let baseURL = baseURL ?? settings.baseURL ?? DocsSite.defaultBaseURL
        guard let site = DocsSite(baseURL: baseURL) else {
            throw ValidationError("--base-url `\(baseURL)` is not an http(s) URL")
        }
        var retry = RetryPolicy()
        if let retryBaseDelay {
            retry = RetryPolicy(attempts: retry.attempts, baseDelay: retryBaseDelay, maxDelay: max(retryBaseDelay, 1))
        }
        if let retryAttempts { retry.attempts = max(1, retryAttempts) }
        let options = FetchOptions(
            folder: folder, site: site, namespaces: namespaces.isEmpty ? settings.namespaces ?? [] : namespaces,
            tables: tables.isEmpty ? settings.tables : TableSelection(commandLine: tables),
            format: format.flatMap(FetchFormat.init) ?? settings.format ?? .markdown,
            concurrency: concurrency ?? settings.concurrency ?? FetchOptions.defaultConcurrency,
            timeout: timeout ?? settings.timeout ?? FetchOptions.defaultTimeout,
            allowShrink: allowShrink || settings.allowShrink == true, retry: retry,
            cache: noCache ? nil : cacheDir.map(CacheStore.init(folder:)) ?? CacheStore.standard())
        let progress = FetchProgress(enabled: !quiet && FetchProgress.standardErrorIsTerminal)
        let outcome = FetchRun.run(options, progress: progress) { message in
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
        let messages = outcome.errors.map { "error: " + $0 } + (quiet ? [] : outcome.warnings.map { "warning: " + $0 })
        if !messages.isEmpty { FileHandle.standardError.write(Data((messages.joined(separator: "\n") + "\n").utf8)) }
        guard let summary = outcome.summary, outcome.errors.isEmpty else { throw ExitCode.failure }
        if !quiet { StandardOutput.write(Array((summary.line + "\n").utf8)) }
    }
}
