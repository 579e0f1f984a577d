import Foundation

/// Reads and writes the schema's JSON form (`schemagen dump`), checking the format version first so
/// a reader never half-understands a file written by a newer schemagen.
public enum SchemaJSON {
    public enum ReadError: Error, CustomStringConvertible {
        case notJSON(String)
        case missingVersion
        case unsupportedVersion(Int)
        case invalid(String)

        public var description: String {
            switch self {
            case .notJSON(let detail): "not a schemagen schema (not JSON: \(detail))"
            case .missingVersion: "not a schemagen schema (no \"version\" key)"
            case .unsupportedVersion(let v):
                "schema format version \(v) is not supported (this schemagen reads version \(Schema.formatVersion))"
            case .invalid(let detail): "invalid schema JSON: \(detail)"
            }
        }
    }

    /// Stable bytes: sorted keys, two-space indentation, no escaped slashes, trailing newline.
    public static func encode(_ schema: Schema) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and bools cannot fail.
        var data = (try? encoder.encode(schema)) ?? Data()
        data.append(UInt8(ascii: "\n"))
        return [UInt8](data)
    }

    public static func decode(_ bytes: [UInt8]) throws(ReadError) -> Schema {
        let data = Data(bytes)
        struct Header: Decodable { var version: Int? }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data)
        } catch {
            throw .notJSON(String(describing: error))
        }
        guard let version = header.version else { throw .missingVersion }
        guard version == Schema.formatVersion else { throw .unsupportedVersion(version) }
        do {
            return try JSONDecoder().decode(Schema.self, from: data)
        } catch {
            throw .invalid(String(describing: error))
        }
    }
}
