/// What a fetch did to the folder, as one line for the user and for CI logs:
/// `docs: 2173 pages: 3 changed, 1 new, 1 removed, 2168 unchanged (2170 not modified)`.
public struct FetchSummary: Sendable, Hashable {
    public var folder: String
    /// Pages the folder holds from this run (the tables the index lists and the selection keeps).
    public var pages: Int
    public var changed: Int
    public var new: Int
    public var removed: Int
    public var unchanged: Int
    /// Pages the server answered 304 Not Modified for (not downloaded at all).
    public var notModified: Int

    public var line: String {
        var parts: [String] = []
        if changed > 0 { parts.append("\(changed) changed") }
        if new > 0 { parts.append("\(new) new") }
        if removed > 0 { parts.append("\(removed) removed") }
        if unchanged > 0 || parts.isEmpty { parts.append("\(unchanged) unchanged") }
        var line = "\(folder): \(pages) page\(pages == 1 ? "" : "s"): " + parts.joined(separator: ", ")
        if notModified > 0 { line += " (\(notModified) not modified)" }
        return line
    }

    /// Whether the run changed any file in the folder.
    public var changedFolder: Bool { changed + new + removed > 0 }
}
