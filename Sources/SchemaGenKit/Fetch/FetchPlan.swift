import Foundation

/// The pages one run downloads and how it asks for each: conditionally (`If-None-Match`,
/// `If-Modified-Since`) when the folder still holds exactly the file the last run wrote from that
/// URL, otherwise plainly, so an edited, deleted or foreign file is always replaced by the site's.
struct FetchPlan: Sendable {
    struct Item: Sendable {
        var table: DocsSite.TablePage
        /// The file in the folder, relative.
        var file: String
        var request: PageRequest
        /// The record of the file on disk that a 304 vouches for.
        var recorded: FetchRecord.Page?
    }

    var items: [Item]

    /// `owned`: the files the folder's manifest lists (only those may be kept on a 304).
    init(tables: [DocsSite.TablePage], format: FetchFormat, folder: String, record: FetchRecord?, owned: Set<String>) {
        let candidates: [(DocsSite.TablePage, String, URL, FetchRecord.Page?)] = tables.map { table in
            let file = table.fileName(format)
            let url = table.url(format)
            let recorded = record?.pages[file].flatMap {
                $0.url == url.absoluteString && !$0.validators.isEmpty ? $0 : nil
            }
            return (table, file, url, owned.contains(file) ? recorded : nil)
        }
        // Each recorded file is read back and compared by size and digest, on all cores.
        let current = candidates.parallelMap(chunk: 32) { _, file, _, recorded -> Bool in
            guard let recorded, let found = ContentHash.ofFile(at: OutputFileSystem.join(folder, file)) else {
                return false
            }
            return found.size == recorded.size && FetchRecord.digest(hash: found.hash) == recorded.digest
        }
        items = zip(candidates, current).map { candidate, isCurrent in
            let (table, file, url, recorded) = candidate
            return Item(
                table: table, file: file,
                request: PageRequest(url: url, validators: isCurrent ? recorded?.validators : nil),
                recorded: isCurrent ? recorded : nil)
        }
    }
}
