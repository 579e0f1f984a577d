/// What the JSON Schema template sees of one table.
public struct JSONSchemaTableModel: Sendable, Hashable {
    public var tableID: String
    /// `jsonschema/<table id>.schema.json`, with characters unsafe in file names replaced.
    public var fileName: String
    /// The schema's `$id`: a URN, since the tables have no canonical URL of their own.
    public var schemaID: String
    public var title: String
    public var summary: String
    public var deprecated: Bool
    public var properties: [JSONSchemaPropertyModel]
    /// Columns the user marked required, in page order: listed in `required`, `null` not allowed.
    public var required: [String] = []
    /// `unknownColumns: reject`: `additionalProperties` is `false` rather than `true`.
    public var rejectsUnknownColumns: Bool = false
}

public struct JSONSchemaPropertyModel: Sendable, Hashable {
    public var column: String
    /// The column's complete schema (type, format, bounds, description) as compact JSON.
    public var schema: String
}

public enum JSONSchemaModelBuilder {
    /// One model per table; file names made from ids that collide once sanitised get a numeric
    /// suffix and a warning at the page.
    public static func build(_ schema: Schema, options: RenderOptions = RenderOptions())
        -> (tables: [JSONSchemaTableModel], diagnostics: [Diagnostic])
    {
        let (named, diagnostics) = fileNames(schema)
        let tables = named.parallelMap(chunk: 32) { model(of: $0.table, fileName: $0.fileName, options: options) }
        return (tables, diagnostics)
    }

    /// Each table with its file name, claimed in table order.
    static func fileNames(_ schema: Schema) -> (named: [(table: Table, fileName: String)], diagnostics: [Diagnostic]) {
        var fileNames = NameAllocator(caseInsensitive: true, capacity: schema.tables.count)
        var diagnostics: [Diagnostic] = []
        let named = schema.tables.map { table -> (table: Table, fileName: String) in
            let wanted = OutputFileName.safe(table.id)
            let (file, renamed) = fileNames.claim(wanted)
            if renamed {
                diagnostics.append(
                    .warning(
                        "JSON Schema file name `\(wanted).schema.json` for table `\(table.id)` is taken; using `\(file).schema.json`",
                        at: table.source))
            }
            return (table, "jsonschema/\(file).schema.json")
        }
        return (named, diagnostics)
    }

    /// The model of one table, whose file name `fileNames` decided.
    static func model(of table: Table, fileName: String, options: RenderOptions) -> JSONSchemaTableModel {
        // By index, each text read in place: binding each field would copy all of them (`Field`).
        let fields = table.fields
        let properties = fields.indices.map { i -> JSONSchemaPropertyModel in
            let required = options.isRequired(table: table.id, column: fields[i].name)
            return JSONSchemaPropertyModel(
                column: fields[i].name,
                schema: schemaText(
                    title: fields[i].title, typeMembers: typeMembers(fields[i].dataType, allowsNull: !required),
                    description: fields[i].description))
        }
        return JSONSchemaTableModel(
            tableID: table.id, fileName: fileName,
            schemaID: "urn:ddsql:table:\(OutputFileName.percentEncoded(table.id))", title: table.title,
            summary: table.summary, deprecated: table.deprecated, properties: properties,
            required: table.fields.map(\.name).filter { options.isRequired(table: table.id, column: $0) },
            rejectsUnknownColumns: options.unknownColumns == .reject)
    }

    /// A column type's schema members (`"type": …, "format": …`) as JSON text.
    private static func typeMembers(_ type: DataType, allowsNull: Bool) -> [UInt8] {
        let key = ColumnType(base: type.base, isArray: type.isArray, allowsNull: allowsNull)
        return knownTypeMembers[key] ?? writeTypeMembers(type, allowsNull: allowsNull)
    }

    private static func writeTypeMembers(_ type: DataType, allowsNull: Bool) -> [UInt8] {
        guard case .object(let members) = TypeMapping.jsonSchema(type, allowsNull: allowsNull) else {
            preconditionFailure("a column's JSON Schema is an object")
        }
        var bytes: [UInt8] = []
        JSONFragment.appendMembers(members, to: &bytes)
        return bytes
    }

    /// Every documented type's members, written once: a catalog has a few dozen column types.
    private static let knownTypeMembers: [ColumnType: [UInt8]] = {
        var table: [ColumnType: [UInt8]] = [:]
        for base in DataType.Base.known {
            for isArray in [false, true] {
                for allowsNull in [false, true] {
                    let type = DataType(parsing: isArray ? "array<\(base.name)>" : base.name)!
                    table[ColumnType(base: base, isArray: isArray, allowsNull: allowsNull)] =
                        writeTypeMembers(type, allowsNull: allowsNull)
                }
            }
        }
        return table
    }()

    private struct ColumnType: Hashable {
        var base: DataType.Base
        var isArray: Bool
        var allowsNull: Bool
    }

    /// `{"title": …, <type members>, "description": …}`, title and description when the page has them.
    private static func schemaText(title: String?, typeMembers: [UInt8], description: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(typeMembers.count + description.utf8.count + 48)
        var empty = true
        func separate() {
            if !empty { out.append(contentsOf: JSONFragment.separator) }
            empty = false
        }
        if let title {
            separate()
            out.append(contentsOf: titleKey)
            Escaping.appending(title, Escaping.appendJSONString, to: &out)
        }
        if !typeMembers.isEmpty {
            separate()
            out.append(contentsOf: typeMembers)
        }
        if !description.isEmpty {
            separate()
            out.append(contentsOf: descriptionKey)
            Escaping.appending(description, Escaping.appendJSONString, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    private static let titleKey = Array(#""title": "#.utf8)
    private static let descriptionKey = Array(#""description": "#.utf8)
}

/// File names derived from table ids: only `[A-Za-z0-9._-]` survive, never a leading dot.
enum OutputFileName {
    /// `[A-Za-z0-9._-]`, by code point (ASCII only: Unicode letters are not safe everywhere).
    private static func isSafe(_ value: UInt32) -> Bool {
        (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value) || (0x30...0x39).contains(value)
            || value == 0x2E || value == 0x5F || value == 0x2D
    }

    /// The id with every byte outside `[A-Za-z0-9._-]` percent-encoded, for the `$id` URN (a `#`
    /// there would start a fragment, which `$id` must not have).
    static func percentEncoded(_ id: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(id.utf8.count)
        for byte in id.utf8 {
            if isSafe(UInt32(byte)) {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Each character outside `[A-Za-z0-9._-]` (each Unicode scalar) becomes `_`.
    static func safe(_ id: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(id.utf8.count)
        for scalar in id.unicodeScalars {
            out.append(isSafe(scalar.value) ? UInt8(scalar.value) : UInt8(ascii: "_"))
        }
        if out.first == UInt8(ascii: ".") { out[0] = UInt8(ascii: "_") }
        return out.isEmpty ? "_" : String(decoding: out, as: UTF8.self)
    }
}
