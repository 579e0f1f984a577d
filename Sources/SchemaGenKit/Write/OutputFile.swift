/// One file the generator wants on disk, kept separate from how it was rendered so the writer can be
/// tested and reused without the renderers, and so every file goes through the same safety checks.
public struct OutputFile: Hashable, Sendable {
    /// Relative to the output folder, `/`-separated on every platform, so the same input names the same
    /// files on every machine; `OutputWriter` rejects anything that could escape the folder.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
