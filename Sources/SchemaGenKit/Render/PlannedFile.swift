/// One file the render stage will make: where it goes, what its bytes depend on, and how to make them.
///
/// The render stage is split in two (plan, then render) so that whoever runs it can decide which files
/// to make without the renderer knowing why: the generation cache keeps a per-table file whose sources
/// are as they were last time, and `--print-outputs` only lists the paths.
public struct PlannedFile: Sendable {
    /// Relative to the output folder: `swift/AWSEC2Instance.swift`.
    public var path: String
    /// What the file is made from besides the run's settings, or nil for a file made from the whole
    /// catalog (the SQL scripts) or from settings alone (the Swift support file).
    public var sources: Sources?
    /// For a file made from the whole catalog whose template cuts into a head, one block per table and
    /// a tail (`TemplateSplit`): those blocks, whose bytes joined are the file's. Nil for any other file.
    public var blocks: Blocks?
    let make: @Sendable () -> [UInt8]

    /// The tables a per-table file is made from, in file order, and the names decided across tables that
    /// it uses (its Swift type name or file name another table may have claimed first).
    public struct Sources: Sendable, Hashable {
        public var kind: String
        public var tables: [Table]
        public var names: [String]
    }

    /// A file's blocks in file order, and what every one of them reads besides its own sources (the
    /// catalog-wide values a table's block may read, such as the table count).
    public struct Blocks: Sendable {
        public var shared: Sources
        public var items: [Block]
    }

    /// Part of a file, rendered on its own: its sources and how to make its bytes.
    public struct Block: Sendable {
        public var sources: Sources
        let make: @Sendable () -> [UInt8]
    }

    init(path: String, sources: Sources?, blocks: Blocks? = nil, make: @escaping @Sendable () -> [UInt8]) {
        self.path = path
        self.sources = sources
        self.blocks = blocks
        self.make = make
    }

    /// Renders the file.
    public func render() -> OutputFile { OutputFile(path: path, bytes: make()) }
}

extension Array where Element == PlannedFile {
    /// Renders every file, one per core at a time, sorted by path: the same bytes whatever the order.
    public func renderAll() -> [OutputFile] {
        parallelMap(chunk: 1) { $0.render() }.sorted { $0.path < $1.path }
    }
}
