/// One kind of schema change, as data: the differ reports rules by id, the formatters print their
/// purpose and consumers, `--ignore` files name them, and the tests check every rule has a fixture.
/// Keeping them in one table (rather than in the differ's control flow) is what makes ids stable and
/// severities reviewable in one place.
public struct ChangeRule: Hashable, Sendable, Codable, Identifiable {
    /// Stable, kebab-case; users put these in `--ignore` files, so an id is never renamed or reused.
    public var id: String
    /// One line saying what the rule catches and why it matters.
    public var purpose: String
    public var severity: ChangeSeverity
    /// Generated code that stops working (empty: nothing generated breaks).
    public var consumers: [ChangeConsumer]

    public init(id: String, purpose: String, severity: ChangeSeverity, consumers: [ChangeConsumer]) {
        self.id = id
        self.purpose = purpose
        self.severity = severity
        self.consumers = consumers
    }
}

extension ChangeRule {
    public static let tableRemoved = ChangeRule(
        id: "table-removed",
        purpose: "A table is no longer documented: its struct, JSON Schema and SQL table go away.",
        severity: .breaking, consumers: [.swift, .json, .sql])
    public static let tableAdded = ChangeRule(
        id: "table-added", purpose: "A new table is documented; nothing that exists changes.",
        severity: .info, consumers: [])
    public static let tableDeprecated = ChangeRule(
        id: "table-deprecated",
        purpose:
            "A table is now marked deprecated: its struct gets @available(*, deprecated), which warns (or fails builds with warnings as errors).",
        severity: .warning, consumers: [.swift])
    public static let tableUndeprecated = ChangeRule(
        id: "table-undeprecated", purpose: "A table is no longer marked deprecated.",
        severity: .info, consumers: [])
    public static let tableDeprecationNoticeChanged = ChangeRule(
        id: "table-deprecation-notice-changed",
        purpose:
            "A deprecated table's deprecation notice changed; only the deprecation message and doc comments follow.",
        severity: .info, consumers: [])
    public static let tableTitleChanged = ChangeRule(
        id: "table-title-changed", purpose: "A table's title changed; only doc comments and SQL comments follow.",
        severity: .info, consumers: [])
    public static let tableSummaryChanged = ChangeRule(
        id: "table-summary-changed",
        purpose: "A table's summary changed; only doc comments and schema descriptions follow.",
        severity: .info, consumers: [])
    public static let fieldRemoved = ChangeRule(
        id: "field-removed",
        purpose:
            "A column is gone: Swift code using its property stops compiling, rows carrying it fail JSON Schema validation, SQL naming it fails.",
        severity: .breaking, consumers: [.swift, .json, .sql])
    /// With `unknownColumns: ignore` (the default), as generated code was told to treat new columns.
    public static let fieldAdded = ChangeRule(
        id: "field-added",
        purpose:
            "A new column: code generated before it ignores it in rows (unknownColumns: ignore); regenerate to read it, and sql-migrate adds it to a mirrored database.",
        severity: .info, consumers: [])
    /// `field-added` when the outputs were generated with `unknownColumns: reject`: same id, so ignore
    /// files and reports name it the same way.
    public static let fieldAddedRejected = ChangeRule(
        id: "field-added",
        purpose:
            "A new column: code generated before it rejects rows carrying it (unknownColumns: reject): old Swift decoders throw and old JSON Schemas fail them.",
        severity: .warning, consumers: [.json])

    /// The rule for an added column under `policy`.
    public static func addedColumn(_ policy: UnknownColumns) -> ChangeRule {
        policy == .reject ? fieldAddedRejected : fieldAdded
    }
    public static let fieldRenamed = ChangeRule(
        id: "field-renamed",
        purpose:
            "A column was removed and one with the same type and description added: most likely a rename, which breaks like a removal.",
        severity: .breaking, consumers: [.swift, .json, .sql])
    public static let fieldTypeChanged = ChangeRule(
        id: "field-type-changed",
        purpose:
            "A column's data type changed: the Swift property type, the JSON values accepted and the SQL column type change with it.",
        severity: .breaking, consumers: [.swift, .json, .sql])
    public static let fieldArrayChanged = ChangeRule(
        id: "field-array-changed",
        purpose: "A column became a list or stopped being one: every consumer reads a different shape.",
        severity: .breaking, consumers: [.swift, .json, .sql])
    public static let fieldVariantChanged = ChangeRule(
        id: "field-variant-changed",
        purpose:
            "A column's kind (core, event_attribute) changed; generated code is the same, but how DDSQL serves the column is not.",
        severity: .warning, consumers: [])
    public static let fieldTitleChanged = ChangeRule(
        id: "field-title-changed", purpose: "A column's title changed; only documentation follows.",
        severity: .info, consumers: [])
    public static let fieldDescriptionChanged = ChangeRule(
        id: "field-description-changed",
        purpose: "A column's description changed; only doc comments, SQL comments and schema descriptions follow.",
        severity: .info, consumers: [])
    public static let fieldOrderChanged = ChangeRule(
        id: "field-order-changed",
        purpose:
            "Columns kept their names but moved: the Swift initializer's labelled parameters and SQL column positions (SELECT *, INSERT without a column list) change order.",
        severity: .warning, consumers: [.swift, .sql])
    public static let queryParameterAdded = ChangeRule(
        id: "query-parameter-added",
        purpose: "A table function gained an optional parameter; existing queries still run.",
        severity: .info, consumers: [])
    public static let queryParameterRequiredAdded = ChangeRule(
        id: "query-parameter-required-added",
        purpose: "A table function gained a required parameter: queries that do not pass it fail.",
        severity: .breaking, consumers: [.sql])
    public static let queryParameterRemoved = ChangeRule(
        id: "query-parameter-removed", purpose: "A table function lost a parameter: queries passing it fail.",
        severity: .breaking, consumers: [.sql])
    public static let queryParameterChanged = ChangeRule(
        id: "query-parameter-changed",
        purpose: "A table function parameter changed type or became required: queries passing the old form may fail.",
        severity: .breaking, consumers: [.sql])
    public static let queryParameterDescriptionChanged = ChangeRule(
        id: "query-parameter-description-changed",
        purpose: "A table function parameter's description changed, or it became optional; existing queries still run.",
        severity: .info, consumers: [])

    /// Every rule, in report order (table-level, then columns, then query parameters).
    public static let all: [ChangeRule] = [
        tableRemoved, tableAdded, tableDeprecated, tableUndeprecated, tableDeprecationNoticeChanged,
        tableTitleChanged, tableSummaryChanged,
        fieldRemoved, fieldRenamed, fieldAdded, fieldTypeChanged, fieldArrayChanged, fieldVariantChanged,
        fieldTitleChanged, fieldDescriptionChanged, fieldOrderChanged,
        queryParameterRemoved, queryParameterRequiredAdded, queryParameterAdded, queryParameterChanged,
        queryParameterDescriptionChanged,
    ]

    public static func rule(id: String) -> ChangeRule? { all.first { $0.id == id } }

    /// Position in `all`, the tie-breaker that keeps report order stable.
    var order: Int { ChangeRule.all.firstIndex { $0.id == id } ?? ChangeRule.all.count }
}
