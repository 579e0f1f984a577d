/// Which form of each page `fetch` downloads: the markdown page (the default; what the site serves
/// at `.dataset.md`) or the HTML page.
public enum FetchFormat: String, Sendable, Hashable, CaseIterable {
    case markdown = "md"
    case html

    /// The extension of the saved file, which is also what `generate` reads it as.
    var fileExtension: String { rawValue }
}
