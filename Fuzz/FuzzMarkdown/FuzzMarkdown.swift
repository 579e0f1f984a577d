import FuzzSupport
import SchemaGenKit

/// libFuzzer entry: any bytes as a markdown page. Crashes, hangs and sanitizer reports are findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let page = Page(path: "fuzz.md", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    FuzzChecks.checkExtraction(page, format: .markdown)
    return 0
}
