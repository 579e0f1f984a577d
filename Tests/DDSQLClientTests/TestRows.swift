import DDSQLClient
import Foundation

// Row types written by hand in the shape Documentation/Querying.md asks schemagen to generate.

/// Two columns; the scenario is chosen by the query text.
struct SimpleRow: Hashable, DDSQLRow {
    static let tableID = "scenario.immediate"
    var name: String?
    var count: Int64?

    static let ddsqlColumns: [DDSQLColumn] = [
        .init("name", .varchar),
        .init("count", .bigint),
    ]

    init(name: String?, count: Int64?) {
        self.name = name
        self.count = count
    }

    init(ddsqlRow row: DDSQLRowReader) throws {
        name = try row.optional(0)
        count = try row.optional(1)
    }
}

/// The same columns, required.
struct RequiredRow: Hashable, DDSQLRow {
    static let tableID = "scenario.immediate"
    var name: String
    var count: Int64

    static let ddsqlColumns: [DDSQLColumn] = [.init("name", .varchar), .init("count", .bigint)]

    init(ddsqlRow row: DDSQLRowReader) throws {
        name = try row.required(0)
        count = try row.required(1)
    }
}

/// One column `n`: the truncation scenario.
struct NumberRow: Hashable, DDSQLRow {
    static let tableID = "scenario.truncation"
    var n: Int64?

    static let ddsqlColumns: [DDSQLColumn] = [.init("n", .bigint)]

    init(ddsqlRow row: DDSQLRowReader) throws {
        n = try row.optional(0)
    }
}

/// Every column type of the all_types scenario.
struct AllTypesRow: DDSQLRow {
    static let tableID = "scenario.all_types"
    var big: Int64?
    var dec: Double?
    var flag: Bool?
    var text: String?
    var ts: Date?
    var day: Date?
    var doc: JSONValue?
    var tags: [String: String]?
    var tagList: [String]?
    var names: [String]?
    var nums: [Int64]?
    var period: JSONValue?

    static let ddsqlColumns: [DDSQLColumn] = [
        .init("big", .bigint),
        .init("dec", .decimal),
        .init("flag", .boolean),
        .init("text", .varchar),
        .init("ts", .timestamp),
        .init("day", .date),
        .init("doc", .json),
        .init("tags", .hstore),
        .init("tag_list", .hstore),
        .init("names", .array(.varchar)),
        .init("nums", .array(.bigint)),
        .init("period", "INTERVAL"),
    ]

    init(ddsqlRow row: DDSQLRowReader) throws {
        big = try row.optional(0)
        dec = try row.optional(1)
        flag = try row.optional(2)
        text = try row.optional(3)
        ts = try row.optional(4)
        day = try row.optional(5)
        doc = try row.optional(6)
        tags = try row.optional(7)
        tagList = try row.optional(8)
        names = try row.optional(9)
        nums = try row.optional(10)
        period = try row.optional(11)
    }
}

/// A table function's row: dd.logs columns, read back through the aliases of the `AS` list.
struct LogRow: Hashable, DDSQLRow {
    static let tableID = "dd.logs"
    static let ddsqlIsTableFunction = true
    var timestamp: Date?
    var host: String?
    var service: String?
    var message: String?
    var httpStatusCode: Int64?
    var clientPort: Int64?

    static let ddsqlColumns: [DDSQLColumn] = [
        .init("timestamp", .timestamp),
        .init("host", .varchar),
        .init("service", .varchar),
        .init("message", .varchar),
        .init("@http.status_code", .bigint),
        .init("@network.client.port", .bigint),
    ]

    init(ddsqlRow row: DDSQLRowReader) throws {
        timestamp = try row.optional(0)
        host = try row.optional(1)
        service = try row.optional(2)
        message = try row.optional(3)
        httpStatusCode = try row.optional(4)
        clientPort = try row.optional(5)
    }
}
