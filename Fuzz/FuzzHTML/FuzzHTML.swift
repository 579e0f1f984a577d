import FuzzSupport
import SchemaGenKit

/// libFuzzer entry: any bytes as an HTML page, through libxml2 and the outline walker.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let page = Page(path: "fuzz.html", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    FuzzChecks.checkExtraction(page, format: .html)
    return 0
}
