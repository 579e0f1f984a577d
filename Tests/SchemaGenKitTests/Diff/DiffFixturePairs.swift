import Foundation
import Testing

@testable import SchemaGenKit

/// Old and new page sets side by side with every finding the diff must report for them, in report
/// order. Table ids differ between pairs, so all pairs together also make one big old/new set (the
/// golden tests use that).
struct DiffFixturePair: Sendable, CustomTestStringConvertible {
    var name: String
    /// File name → page text.
    var old: [String: String]
    var new: [String: String]
    /// `severity rule table subject: message`, plus ` [hint: ...]` when there is one.
    var expected: [String]

    var testDescription: String { name }

    /// Writes `old/` and `new/` under `root`.
    func write(to root: TemporaryDirectory) throws {
        for (file, text) in old { try root.write("old/" + file, text) }
        for (file, text) in new { try root.write("new/" + file, text) }
    }

    static func findingLine(_ change: SchemaChange) -> String {
        var line =
            "\(change.severity.rawValue) \(change.rule.id) \(change.tableID) \(change.subjectText): \(change.message)"
        if let hint = change.hint { line += " [hint: \(hint)]" }
        return line
    }
}

/// A markdown page as the Datadog docs write them; rows are Fields rows (`| id | core | string | description |`,
/// or five cells with a title first).
func diffPage(
    id: String, title: String, summary: String = "A table for diff tests.", deprecated: Bool = false,
    deprecationNotice: String = "this table no longer returns data.", queryParameters: [String] = [],
    rows: [String]
) -> String {
    var text = """
        ---
        title: \(title)
        description: d
        breadcrumbs: Docs > \(title)
        ---

        # \(title)

        \(summary)

        """
    if deprecated { text += "\n**Deprecated**: \(deprecationNotice)\n" }
    text += """

        ```
        \(id)
        ```

        """
    if !queryParameters.isEmpty {
        text += """

            ## Query Parameters

            | Parameter | Type | Required | Description |
            | --------- | ---- | -------- | ----------- |
            \(queryParameters.joined(separator: "\n"))

            """
    }
    text += """

        ## Fields

        | Title | ID | Type | Data Type | Description |
        | ----- | -- | ---- | --------- | ----------- |
        \(rows.joined(separator: "\n"))

        """
    return text
}

extension DiffFixturePair {
    /// The change that motivated `schemagen diff`: two saved versions of the real page for
    /// `aws.docdb_subnet_group`, where `tags` went from hstore to hstore_csv.
    static let docdbTags: DiffFixturePair = {
        func page(tags: String) -> String {
            diffPage(
                id: "aws.docdb_subnet_group", title: "DocumentDB Subnet Group",
                summary:
                    "A DocumentDB subnet group is a collection of subnets (typically private) that you can designate for your clusters running in an Amazon VPC.",
                rows: [
                    "| _key | core | string |",
                    "| account_id | core | string |",
                    "| db_subnet_group_arn | core | string | The Amazon Resource Name (ARN) for the DB subnet group. |",
                    "| db_subnet_group_description | core | string | Provides the description of the DB subnet group. |",
                    "| db_subnet_group_name | core | string | The name of the DB subnet group. |",
                    "| subnet_group_status | core | string | Provides the status of the DB subnet group. |",
                    "| subnets | core | json | Detailed information about one or more subnets. |",
                    "| supported_network_types | core | hstore_csv | The network type of the DB subnet group. |",
                    "| tags | core | \(tags) |",
                    "| vpc_id | core | string | Provides the virtual private cloud (VPC) ID of the DB subnet group. |",
                ])
        }
        return DiffFixturePair(
            name: "docdb tags hstore to hstore_csv",
            old: ["aws.docdb_subnet_group.md": page(tags: "hstore")],
            new: ["aws.docdb_subnet_group.md": page(tags: "hstore_csv")],
            expected: [
                #"breaking field-type-changed aws.docdb_subnet_group tags: column `tags` changed type: hstore → hstore_csv (Swift [String: String]? → [String]?; PostgreSQL hstore → text[]; SQLite TEXT (JSON object) → TEXT (JSON array); JSON Schema {"type": ["object", "null"], "additionalProperties": {"type": "string"}} → {"type": ["array", "null"], "items": {"type": "string"}})"#
            ])
    }()

    static let tablesRemovedAndAdded = DiffFixturePair(
        name: "table removed and table added",
        old: [
            "aws.legacy_queue.md": diffPage(
                id: "aws.legacy_queue", title: "Legacy Queue",
                rows: ["| queue_url | core | string | The URL. |", "| attributes | core | json |"]),
            "aws.kept_queue.md": diffPage(id: "aws.kept_queue", title: "Kept Queue", rows: ["| arn | core | string |"]),
        ],
        new: [
            "gcp.pubsub_topic.md": diffPage(
                id: "gcp.pubsub_topic", title: "Pub/Sub Topic",
                rows: ["| name | core | string | The topic's name. |", "| labels | core | hstore | Labels. |"]),
            "aws.kept_queue.md": diffPage(id: "aws.kept_queue", title: "Kept Queue", rows: ["| arn | core | string |"]),
        ],
        expected: [
            "breaking table-removed aws.legacy_queue table: table `aws.legacy_queue` was removed (2 columns)",
            "info table-added gcp.pubsub_topic table: table `gcp.pubsub_topic` was added (2 columns)",
        ])

    static let deprecation = DiffFixturePair(
        name: "table deprecated and undeprecated",
        old: [
            "aws.sunset_api.md": diffPage(id: "aws.sunset_api", title: "Sunset API", rows: ["| id | core | string |"]),
            "aws.revived_api.md": diffPage(
                id: "aws.revived_api", title: "Revived API", deprecated: true, rows: ["| id | core | string |"]),
            "aws.moved_api.md": diffPage(
                id: "aws.moved_api", title: "Moved API", deprecated: true, rows: ["| id | core | string |"]),
        ],
        new: [
            "aws.sunset_api.md": diffPage(
                id: "aws.sunset_api", title: "Sunset API", deprecated: true, rows: ["| id | core | string |"]),
            "aws.revived_api.md": diffPage(
                id: "aws.revived_api", title: "Revived API", rows: ["| id | core | string |"]),
            "aws.moved_api.md": diffPage(
                id: "aws.moved_api", title: "Moved API", deprecated: true,
                deprecationNotice: "use `aws.new_api` instead.", rows: ["| id | core | string |"]),
        ],
        expected: [
            #"info table-deprecation-notice-changed aws.moved_api table: deprecation notice changed from "Deprecated: this table no longer returns data." to "Deprecated: use aws.new_api instead.""#,
            "info table-undeprecated aws.revived_api table: table `aws.revived_api` is no longer deprecated",
            "warning table-deprecated aws.sunset_api table: table `aws.sunset_api` is now deprecated",
        ])

    static let wording = DiffFixturePair(
        name: "titles, summary and descriptions reworded",
        old: [
            "aws.wording.md": diffPage(
                id: "aws.wording", title: "Wording", summary: "The old summary.",
                rows: [
                    "| Account ID | account_id | core | string | The account. |",
                    "| Region | region | core | string | Where it runs. |",
                ])
        ],
        new: [
            "aws.wording.md": diffPage(
                id: "aws.wording", title: "Wording Table", summary: "The new summary.",
                rows: [
                    "| AWS Account ID | account_id | core | string | The account. |",
                    "| Region | region | core | string | The AWS Region the resource runs in. |",
                ])
        ],
        expected: [
            #"info table-title-changed aws.wording table: title changed from "Wording" to "Wording Table""#,
            #"info table-summary-changed aws.wording table: summary changed from "The old summary." to "The new summary.""#,
            #"info field-title-changed aws.wording account_id: column `account_id` title changed from "Account ID" to "AWS Account ID""#,
            #"info field-description-changed aws.wording region: column `region` description changed from "Where it runs." to "The AWS Region the resource runs in.""#,
        ])

    static let columnsRemovedAndAdded = DiffFixturePair(
        name: "column removed and column added",
        old: [
            "aws.bucket.md": diffPage(
                id: "aws.bucket", title: "Bucket",
                rows: [
                    "| name | core | string | The bucket name. |", "| region | core | string | The bucket's Region. |",
                ])
        ],
        new: [
            "aws.bucket.md": diffPage(
                id: "aws.bucket", title: "Bucket",
                rows: [
                    "| name | core | string | The bucket name. |", "| size_bytes | core | int64 | The bucket's size. |",
                ])
        ],
        expected: [
            "breaking field-removed aws.bucket region: column `region` (string) was removed",
            "info field-added aws.bucket size_bytes: column `size_bytes` (int64) was added",
        ])

    static let rename = DiffFixturePair(
        name: "likely rename",
        old: [
            "aws.key_pair.md": diffPage(
                id: "aws.key_pair", title: "Key Pair",
                rows: [
                    "| key_name | core | string | The name of the key pair. |",
                    "| key_type | core | string | The type. |",
                ])
        ],
        new: [
            "aws.key_pair.md": diffPage(
                id: "aws.key_pair", title: "Key Pair",
                rows: [
                    "| key_pair_name | core | string | The name of the key pair. |",
                    "| key_type | core | string | The type. |",
                ])
        ],
        expected: [
            "breaking field-renamed aws.key_pair key_name: column `key_name` was removed and `key_pair_name` added with the same type (string) and description [hint: likely renamed `key_name` → `key_pair_name`; code, rows and SQL using `key_name` must move to `key_pair_name`]"
        ])

    static let arrays = DiffFixturePair(
        name: "column became a list and stopped being one",
        old: [
            "aws.load_balancer.md": diffPage(
                id: "aws.load_balancer", title: "Load Balancer",
                rows: ["| subnet | core | string | Subnets. |", "| zones | core | array<string> | Zones. |"])
        ],
        new: [
            "aws.load_balancer.md": diffPage(
                id: "aws.load_balancer", title: "Load Balancer",
                rows: ["| subnet | core | array<string> | Subnets. |", "| zones | core | string | Zones. |"])
        ],
        expected: [
            #"breaking field-array-changed aws.load_balancer subnet: column `subnet` became a list: string → array<string> (Swift String? → [String]?; PostgreSQL text → text[]; SQLite TEXT → TEXT (JSON array); JSON Schema {"type": ["string", "null"]} → {"type": ["array", "null"], "items": {"type": "string"}})"#,
            #"breaking field-array-changed aws.load_balancer zones: column `zones` is no longer a list: array<string> → string (Swift [String]? → String?; PostgreSQL text[] → text; SQLite TEXT (JSON array) → TEXT; JSON Schema {"type": ["array", "null"], "items": {"type": "string"}} → {"type": ["string", "null"]})"#,
        ])

    static let variant = DiffFixturePair(
        name: "column variant changed",
        old: [
            "dd.audit_events.md": diffPage(
                id: "dd.audit_events", title: "Audit Events",
                rows: ["| id | core | string |", "| status | core | string | The status. |"])
        ],
        new: [
            "dd.audit_events.md": diffPage(
                id: "dd.audit_events", title: "Audit Events",
                rows: ["| id | core | string |", "| status | event_attribute | string | The status. |"])
        ],
        expected: [
            "warning field-variant-changed dd.audit_events status: column `status` changed kind from core to event_attribute"
        ])

    static let order = DiffFixturePair(
        name: "column order changed",
        old: [
            "aws.route.md": diffPage(
                id: "aws.route", title: "Route",
                rows: ["| a | core | string |", "| b | core | string |", "| c | core | string |"])
        ],
        new: [
            "aws.route.md": diffPage(
                id: "aws.route", title: "Route",
                rows: ["| a | core | string |", "| c | core | string |", "| b | core | string |"])
        ],
        expected: ["warning field-order-changed aws.route table: column order changed: was a, b, c; now a, c, b"])

    static let queryParameters: DiffFixturePair = {
        func page(_ parameters: [String]) -> String {
            diffPage(
                id: "dd.spans", title: "Spans", queryParameters: parameters,
                rows: ["| service | core | string | The service. |"])
        }
        return DiffFixturePair(
            name: "query parameters added, removed and changed",
            old: [
                "dd.spans.md": page([
                    "| `columns` | `array<string>` | Yes | Fields to return. |",
                    "| `filter` | `string` | No | A search query. |",
                    "| `indexes` | `array<string>` | No | Indexes to search. |",
                    "| `storage` | `string` | Yes | The storage tier. |",
                ])
            ],
            new: [
                "dd.spans.md": page([
                    "| `columns` | `array<string>` | Yes | Fields to return. |",
                    "| `filter` | `array<string>` | Yes | A search query. |",
                    "| `storage` | `string` | No | The storage tier: hot or flex. |",
                    "| `limit` | `int64` | No | At most this many spans. |",
                    "| `scope` | `string` | Yes | The org scope. |",
                ])
            ],
            expected: [
                "breaking query-parameter-changed dd.spans query parameter filter: query parameter `filter` changed: type string → array<string>, now required",
                "breaking query-parameter-removed dd.spans query parameter indexes: query parameter `indexes` (array<string>) was removed",
                "info query-parameter-added dd.spans query parameter limit: optional query parameter `limit` (int64) was added",
                "breaking query-parameter-required-added dd.spans query parameter scope: required query parameter `scope` (string) was added",
                #"info query-parameter-description-changed dd.spans query parameter storage: query parameter `storage`: now optional, description changed from "The storage tier." to "The storage tier: hot or flex.""#,
            ])
    }()

    static let convertibleTypes = DiffFixturePair(
        name: "type changes PostgreSQL converts in place",
        old: [
            "aws.metric.md": diffPage(
                id: "aws.metric", title: "Metric",
                rows: [
                    "| count | core | int64 | How many. |", "| label | core | int64 | A label. |",
                    "| payload | core | string | The body. |",
                ])
        ],
        new: [
            "aws.metric.md": diffPage(
                id: "aws.metric", title: "Metric",
                rows: [
                    "| count | core | float64 | How many. |", "| label | core | string | A label. |",
                    "| payload | core | json | The body. |",
                ])
        ],
        expected: [
            #"breaking field-type-changed aws.metric count: column `count` changed type: int64 → float64 (Swift Int64? → Double?; PostgreSQL bigint → double precision; SQLite INTEGER → REAL; JSON Schema {"type": ["integer", "null"], "minimum": -9223372036854775808, "maximum": 9223372036854775807} → {"type": ["number", "null"]})"#,
            #"breaking field-type-changed aws.metric label: column `label` changed type: int64 → string (Swift Int64? → String?; PostgreSQL bigint → text; SQLite INTEGER → TEXT; JSON Schema {"type": ["integer", "null"], "minimum": -9223372036854775808, "maximum": 9223372036854775807} → {"type": ["string", "null"]})"#,
            #"breaking field-type-changed aws.metric payload: column `payload` changed type: string → json (Swift String? → JSONValue?; PostgreSQL text → jsonb; SQLite TEXT → TEXT (JSON); JSON Schema {"type": ["string", "null"]} → {})"#,
        ])

    static let unchanged = DiffFixturePair(
        name: "no changes",
        old: ["aws.steady.md": diffPage(id: "aws.steady", title: "Steady", rows: ["| id | core | string | The id. |"])],
        new: ["aws.steady.md": diffPage(id: "aws.steady", title: "Steady", rows: ["| id | core | string | The id. |"])],
        expected: [])

    static let all: [DiffFixturePair] = [
        docdbTags, tablesRemovedAndAdded, deprecation, wording, columnsRemovedAndAdded, rename, arrays, variant, order,
        queryParameters, convertibleTypes, unchanged,
    ]

    /// Every pair's pages in one old/new set.
    static let combined = DiffFixturePair(
        name: "all pairs together",
        old: all.reduce(into: [:]) { $0.merge($1.old) { first, _ in first } },
        new: all.reduce(into: [:]) { $0.merge($1.new) { first, _ in first } },
        expected: all.flatMap(\.expected))
}
