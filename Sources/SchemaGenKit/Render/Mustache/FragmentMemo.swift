/// The rendered items of keyed lists (`TemplateItems.keys`) of one template: those the last run
/// recorded, offered to this render, and those this render produced or reused, to record for the
/// next. This is what lets a run after a one-page edit copy 2,199 of the SQL script's 2,200 table
/// blocks instead of rendering them.
///
/// Used by one render at a time (not shared between threads).
///
/// A fragment is a slice: those read from the record share its buffer instead of being copied out,
/// since a catalog's blocks are megabytes read on every incremental run.
typealias Fragment = ArraySlice<UInt8>

final class FragmentMemo: @unchecked Sendable {
    let previous: [ContentHash: Fragment]
    var recorded: [ContentHash: Fragment] = [:]
    /// Tells apart templates: the same item renders differently in each.
    private let template: String

    init(template: String, previous: [ContentHash: Fragment]) {
        self.template = template
        self.previous = previous
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
