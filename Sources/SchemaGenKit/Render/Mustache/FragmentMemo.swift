/// The rendered items of keyed lists (`LazyItems.keys`) of one template: those the last run
/// recorded, offered to this render, and those this render produced or reused, to record for the
/// next. This is what lets a run after a one-page edit copy 2,199 of the SQL script's 2,200 table
/// blocks instead of rendering them.
///
/// Used by one render at a time (not shared between threads).
///
/// A fragment is a slice: those read back share the buffer of the file they were read from, and
/// those recorded share the rendered output's, instead of being copied out, since a catalog's blocks
/// are megabytes on every incremental run.
typealias Fragment = ArraySlice<UInt8>

final class FragmentMemo: @unchecked Sendable {
    let previous: [ContentHash: Fragment]
    /// After the render, slices of its output (a slice's `startIndex` is its offset there), which is
    /// how the next run finds them again: in the file the output was written to.
    private(set) var recorded: [ContentHash: Fragment] = [:]
    /// Where each recorded block is in the output, while it is being rendered: a slice of a buffer
    /// still growing would make each append copy it.
    var recordedRanges: [ContentHash: Range<Int>] = [:]
    /// Tells apart templates: the same item renders differently in each.
    private let template: String

    init(template: String, previous: [ContentHash: Fragment]) {
        self.template = template
        self.previous = previous
    }

    /// Turns the recorded ranges into slices of the finished output.
    func recordSlices(of output: [UInt8]) {
        recorded.reserveCapacity(recorded.count + recordedRanges.count)
        for (key, range) in recordedRanges { recorded[key] = output[range] }
        recordedRanges = [:]
    }

    /// The memo key of an item in a section (by its place among the template's sections).
    func key(section: Int, item: ContentHash) -> ContentHash {
        var w = ByteWriter()
        w.text(template)
        w.integer(section)
        w.integer64(Int64(bitPattern: item.value))
        return ContentHash(w.bytes)
    }
}
