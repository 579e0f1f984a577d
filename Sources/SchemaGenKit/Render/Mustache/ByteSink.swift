/// Where rendered bytes go: the renderer's own buffer, or an array for text made outside templates
/// (JSON Schema fragments). The escaping functions write to either.
protocol ByteSink: ~Copyable {
    mutating func append(_ byte: UInt8)
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension ByteSink where Self: ~Copyable {
    mutating func append(_ first: UInt8, _ second: UInt8) {
        append(first)
        append(second)
    }

    mutating func appendBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { appendBytes($0) }
    }

    mutating func appendBytes(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { appendBytes($0) }
    }

    mutating func append(_ text: StaticString) {
        appendBytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}

extension Array: ByteSink where Element == UInt8 {
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// The renderer's output buffer.
typealias RenderBuffer = GrowingBuffer<UInt8>

extension GrowingBuffer: ByteSink where Element == UInt8 {
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}
