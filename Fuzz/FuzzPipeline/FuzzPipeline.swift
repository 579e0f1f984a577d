import FuzzSupport
import SchemaGenKit

/// libFuzzer entry: page bytes in (first byte picks markdown or HTML), all four targets rendered,
/// and the outputs checked for the properties the consumers rely on.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let format: PageFormat = data[0] & 1 == 0 ? .markdown : .html
    let page = Page(
        path: format == .markdown ? "fuzz.md" : "fuzz.html",
        bytes: Array(UnsafeBufferPointer(start: data + 1, count: size - 1)))
    FuzzChecks.checkPipeline(page, format: format)
    return 0
}
