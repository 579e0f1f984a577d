import Foundation

@testable import SchemaGenKit

/// The real Swift compiler on generated code: Swift 6 language mode, warnings as errors.
enum SwiftCompiler {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Compiles the DDSQLClient library (the runtime generated client code imports) from this repository's
    /// sources into `scratch`, as a static library and module, and returns the folder.
    static func buildClientLibrary(in scratch: String) throws -> String {
        guard let swiftc = ProcessRunner.which("swiftc") else {
            throw Failure(description: "swiftc not found on PATH")
        }
        let sources = Fixtures.repoRoot + "/Sources/DDSQLClient"
        let files = try FileManager.default.contentsOfDirectory(atPath: sources)
            .filter { $0.hasSuffix(".swift") }.sorted().map { sources + "/" + $0 }
        let folder = scratch + "/client"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let result = try ProcessRunner.run(
            swiftc,
            [
                "-swift-version", "6", "-Onone", "-parse-as-library", "-emit-module", "-emit-library", "-static",
                "-module-name", "DDSQLClient", "-emit-module-path", folder + "/DDSQLClient.swiftmodule",
                "-o", folder + "/libDDSQLClient.a",
            ] + files,
            environment: ["TMPDIR": TestScratch.root], currentDirectory: scratch, timeout: 900)
        guard result.succeeded else {
            throw Failure(description: "swiftc failed on DDSQLClient:\n\(result)")
        }
        return folder
    }

    /// Compiles every `.swift` file in `sources` into the module `GeneratedModels`, with every warning an error
    /// (a deprecated table's type used by the generated code itself would fail here), then `main`, which
    /// `@testable import`s it, into an executable, and returns its path; with `client`, a folder from
    /// `buildClientLibrary`, linked against the DDSQLClient library.
    static func buildExecutable(
        sources: String, main: String, in scratch: String, client: String? = nil
    ) throws -> String {
        guard let swiftc = ProcessRunner.which("swiftc") else {
            throw Failure(description: "swiftc not found on PATH")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: sources)
            .filter { $0.hasSuffix(".swift") }.sorted().map { sources + "/" + $0 }
        let module = scratch + "/generated"
        try FileManager.default.createDirectory(atPath: module, withIntermediateDirectories: true)
        let clientFlags = client.map { ["-I", $0, "-L", $0] } ?? []
        let library = try ProcessRunner.run(
            swiftc,
            [
                "-swift-version", "6", "-warnings-as-errors", "-Onone", "-enable-testing", "-parse-as-library",
                "-emit-module", "-emit-library", "-static", "-module-name", "GeneratedModels",
                "-emit-module-path", module + "/GeneratedModels.swiftmodule", "-o", module + "/libGeneratedModels.a",
            ]
                + clientFlags + files,
            environment: ["TMPDIR": TestScratch.root], currentDirectory: scratch, timeout: 900)
        guard library.succeeded else {
            throw Failure(description: "swiftc failed on the generated Swift:\n\(library)")
        }
        let mainPath = scratch + "/main.swift"
        try Data(("@testable import GeneratedModels\n" + main).utf8).write(to: URL(fileURLWithPath: mainPath))
        let output = scratch + "/generated-roundtrip"
        let result = try ProcessRunner.run(
            swiftc,
            // The test program names every table, deprecated ones too, which is meant to warn.
            [
                "-swift-version", "6", "-warnings-as-errors", "-Wwarning", "DeprecatedDeclaration", "-Onone",
                "-module-name", "RoundTrip", "-I", module, "-L", module, "-lGeneratedModels", "-o", output,
            ]
                + clientFlags + (client == nil ? [] : ["-lDDSQLClient"]) + [mainPath],
            environment: ["TMPDIR": TestScratch.root], currentDirectory: scratch, timeout: 900)
        guard result.succeeded else {
            throw Failure(description: "swiftc failed on the test program:\n\(result)")
        }
        return output
    }

    /// A test program that decodes each table's sample row into its generated struct with
    /// `DDSQLJSON.decoder()`, encodes it back with `DDSQLJSON.encoder()`, and prints one line per
    /// table: its index in the registry, a tab, what `==` and `hash(into:)` said, a tab, and the
    /// re-encoded row. The verdict is `same` when two decodes of the row are equal, hash alike and
    /// make a one-element set, then `empty-differs` (or `empty-equal`) when the type also decodes
    /// from `{}` and that row is (or is not) told apart from the sample.
    static func roundTripProgram(
        typesByTableID: [(tableID: String, typeName: String)], client: Bool = false,
        propertiesByTableID: [(tableID: String, properties: [String])] = []
    ) -> String {
        let registry = typesByTableID.map { "    (\(Escaping.swiftString($0.tableID)), \($0.typeName).self)," }
            .joined(separator: "\n")
        // Each table's properties as key path literals written here, in another module than the generated code.
        let typeNames = Dictionary(typesByTableID.map { ($0.tableID, $0.typeName) }, uniquingKeysWith: { a, _ in a })
        let literalCases = propertiesByTableID.compactMap { table -> String? in
            guard let typeName = typeNames[table.tableID] else { return nil }
            let keyPaths = table.properties.map { "\\\(typeName).\($0)" }.joined(separator: ", ")
            return "    case \(Escaping.swiftString(table.tableID)): return [\(keyPaths)]"
        }.joined(separator: "\n")
        let literals = """
            func literalKeyPaths(_ tableID: String) -> [AnyKeyPath]? {
                switch tableID {
            \(literalCases)
                default: return nil
                }
            }

            """
        return """
            import Foundation
            \(client ? "import DDSQLClient" : "")

            let types: [(String, any (Codable & Hashable).Type)] = [
            \(registry)
            ]

            func roundTrip<T: Codable & Hashable>(_ type: T.Type, _ row: Data) throws -> (String, Data) {
                let value = try DDSQLJSON.decoder().decode(type, from: row)
                let again = try DDSQLJSON.decoder().decode(type, from: row)
                var verdict = value == again && value.hashValue == again.hashValue && Set([value, again]).count == 1
                    ? "same" : "differ"
                if let empty = try? DDSQLJSON.decoder().decode(type, from: Data("{}".utf8)) {
                    verdict += empty == value ? " empty-equal" : " empty-differs"
                }
                return (verdict, try DDSQLJSON.encoder().encode(value))
            }

            \(client ? apiReadFunctions + literals : "")
            @MainActor func main() throws {
                \(client ? "if CommandLine.arguments.count > 2 { return try readAPIResponses(path: 1) }" : "")
                let rows = try JSONSerialization.jsonObject(
                    with: FileManager.default.contents(atPath: CommandLine.arguments[1])!) as! [String: Any]
                for (index, (tableID, type)) in types.enumerated() {
                    let row = try JSONSerialization.data(withJSONObject: rows[tableID]!)
                    // The encoder's bytes as they are: the test compares them with the sample by value.
                    let (verdict, encoded) = try roundTrip(type, row)
                    print("\\(index)\\t\\(verdict)\\t" + String(decoding: encoded, as: UTF8.self))
                }
            }

            try main()

            """
    }

    /// For generated client code, what `roundTripProgram(..., client: true)` adds: with a second argument
    /// `api`, the program instead reads each table's sample row as the DDSQL API sends it (a completed response,
    /// column-major, typed by API type; the file maps table ids to responses) into the generated struct with
    /// DDSQLClient, encodes it as row JSON with `DDSQLJSON.encoder()`, and prints one line per table: its index
    /// in the registry, a tab, the row JSON. Before that it checks each table's `ddsqlKeyPaths`: they equal the key
    /// path literals of the model's properties in column order, written in the program (`literalKeyPaths`, another
    /// module than the generated code); selecting them all, in order or reversed, selects every column the same
    /// way; a key path that is not a property (`\Self.self`) is an unknown column; and leaving the key path of
    /// column `i` out leaves exactly that column out of the row JSON (whose column names come from the generated
    /// `_columns`, not from key paths), or for a required column, reading fails naming it. A row type with a stored
    /// property that is not a column is refused (`DDSQLError.invalidConfiguration`).
    static let apiReadFunctions = """
        struct KeyPathMismatch: Error { let table: String; let column: String }

        extension DDSQLGeneratedRow where Self: Encodable {
            static func checkKeyPaths(_ response: [UInt8]) throws {
                guard let literals = literalKeyPaths(tableID), literals == ddsqlKeyPaths.map({ $0 as AnyKeyPath }) else {
                    throw KeyPathMismatch(table: tableID, column: "literals")
                }
                let all = try DDSQLQuery<Self>().selecting(ddsqlKeyPaths).selectedColumns
                let reversed = try DDSQLQuery<Self>().selecting(ddsqlKeyPaths.reversed()).selectedColumns
                guard all == Array(ddsqlColumns.indices), reversed == all.reversed() else {
                    throw KeyPathMismatch(table: tableID, column: "*")
                }
                do {
                    _ = try DDSQLQuery<Self>().selecting([\\Self.self])
                    throw KeyPathMismatch(table: tableID, column: "\\\\Self.self")
                } catch let error as DDSQLError {
                    guard case .unknownColumn = error else { throw error }
                }
                let result = try DDSQLResult(completedResponse: response)
                func read(_ query: DDSQLQuery<Self>) throws -> (row: Self, columns: Set<String>) {
                    let rows = try result.rows(Self.self, resultNames: query.resultNames)
                    guard rows.count == 1 else { throw DDSQLError.invalidRowLimit(rows.count) }
                    let object = try JSONSerialization.jsonObject(with: DDSQLJSON.encoder().encode(rows[0]))
                    guard let members = object as? [String: Any] else {
                        throw KeyPathMismatch(table: tableID, column: "row JSON")
                    }
                    return (rows[0], Set(members.filter { !($0.value is NSNull) }.keys))
                }
                func isNil(_ value: Any) -> Bool {
                    let mirror = Mirror(reflecting: value)
                    return mirror.displayStyle == .optional && mirror.children.isEmpty
                }
                let whole = try read(DDSQLQuery<Self>())
                let keyPaths = ddsqlKeyPaths
                for (index, column) in ddsqlColumns.enumerated() {
                    var others = keyPaths
                    others.remove(at: index)
                    do {
                        let (row, columns) = try read(DDSQLQuery<Self>().selecting(others))
                        guard columns == whole.columns.subtracting([column.name]),
                            isNil(row[keyPath: keyPaths[index]]) || !whole.columns.contains(column.name)
                        else {
                            throw KeyPathMismatch(table: tableID, column: column.name)
                        }
                    } catch DDSQLError.invalidValue(let name, _, let message) {
                        // A required column left out: it must be the one whose key path was left out.
                        guard name == column.name, message.contains("required") else {
                            throw KeyPathMismatch(table: tableID, column: column.name)
                        }
                    }
                }
            }
        }

        /// A row type with a stored property that is not a column: its key paths cannot be matched to columns
        /// by position, so selecting by key path must refuse it.
        struct ExtraStoredProperty: DDSQLGeneratedRow {
            static let tableID = "test.extra_stored_property"
            static var ddsqlColumns: [DDSQLColumn] { [DDSQLColumn("name", .varchar)] }
            let cache: Int
            let name: String?
            init(ddsqlRow: DDSQLRowReader) throws {
                cache = 0
                name = try ddsqlRow.optional(0)
            }
        }

        func checkExtraStoredPropertyIsRefused() throws {
            do {
                _ = try DDSQLQuery<ExtraStoredProperty>().selecting(\\.name)
                throw KeyPathMismatch(table: ExtraStoredProperty.tableID, column: "name")
            } catch let error as DDSQLError {
                guard case .invalidConfiguration = error else { throw error }
            }
        }

        func read<T: DDSQLRow & Encodable>(_ type: T.Type, _ response: [UInt8]) throws -> Data {
            let rows = try DDSQLResult(completedResponse: response).rows(type)
            guard rows.count == 1 else { throw DDSQLError.invalidRowLimit(rows.count) }
            return try DDSQLJSON.encoder().encode(rows[0])
        }

        @MainActor func readAPIResponses(path argument: Int) throws {
            let responses = try JSONSerialization.jsonObject(
                with: FileManager.default.contents(atPath: CommandLine.arguments[argument])!) as! [String: Any]
            try checkExtraStoredPropertyIsRefused()
            for (index, (tableID, type)) in types.enumerated() {
                let response = try JSONSerialization.data(withJSONObject: responses[tableID]!)
                try (type as! any (DDSQLGeneratedRow & Encodable).Type).checkKeyPaths(Array(response))
                let rowType = type as! any (DDSQLRow & Encodable).Type
                let row = try read(rowType, Array(response))
                print("\\(index)\\t" + String(decoding: row, as: UTF8.self))
            }
        }

        """
}
