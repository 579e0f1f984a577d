/// Compares two schemas and lists what changed, rule by rule.
///
/// It works on `Schema` values only, never on pages, so a committed `schemagen dump` snapshot and a
/// folder of freshly downloaded pages compare the same way. Tables are matched by id and columns by
/// name: those are what generated code and databases are keyed on.
public enum SchemaDiffer {
    /// - Parameter unknownColumns: how the generated code treats a column it does not know, which
    ///   decides how bad an added column is (`ChangeRule.addedColumn(_:)`).
    public static func diff(old: Schema, new: Schema, unknownColumns: UnknownColumns = .ignore) -> [SchemaChange] {
        let oldByID = Dictionary(old.tables.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newByID = Dictionary(new.tables.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Each table on its own, on all cores; gathered in id order, as one pass would.
        let ids = Set(oldByID.keys).union(newByID.keys).sorted()
        let changes = ids.parallelChunks(chunk: 32) { run in
            run.flatMap { id -> [SchemaChange] in
                switch (oldByID[id], newByID[id]) {
                case (let before?, let after?): return diff(table: before, to: after)
                case (let before?, nil):
                    return [
                        SchemaChange(
                            rule: .tableRemoved, tableID: id, subject: .table,
                            message: "table `\(id)` was removed (\(count(before.fields.count, "column")))",
                            oldLocation: before.source)
                    ]
                case (nil, let after?):
                    return [
                        SchemaChange(
                            rule: .tableAdded, tableID: id, subject: .table,
                            message: "table `\(id)` was added (\(count(after.fields.count, "column")))",
                            newLocation: after.source)
                    ]
                case (nil, nil): return []
                }
            }
        }
        let addedRule = ChangeRule.addedColumn(unknownColumns)
        return changes.map { change in
            guard change.rule == .fieldAdded, addedRule != .fieldAdded else { return change }
            var change = change
            change.rule = addedRule
            return change
        }.sorted(by: SchemaChange.reportOrder)
    }

    static func diff(table old: Table, to new: Table) -> [SchemaChange] {
        var changes: [SchemaChange] = []
        let id = new.id
        func tableChange(_ rule: ChangeRule, _ message: String) {
            changes.append(
                SchemaChange(
                    rule: rule, tableID: id, subject: .table, message: message,
                    oldLocation: old.source, newLocation: new.source))
        }
        if !old.deprecated && new.deprecated { tableChange(.tableDeprecated, "table `\(id)` is now deprecated") }
        if old.deprecated && !new.deprecated {
            tableChange(.tableUndeprecated, "table `\(id)` is no longer deprecated")
        }
        if old.deprecated && new.deprecated && old.deprecationNotice != new.deprecationNotice {
            tableChange(
                .tableDeprecationNoticeChanged,
                "deprecation notice changed from \(quoted(old.deprecationNotice)) to \(quoted(new.deprecationNotice))")
        }
        if old.title != new.title {
            tableChange(.tableTitleChanged, "title changed from \(quoted(old.title)) to \(quoted(new.title))")
        }
        if old.summary != new.summary {
            tableChange(.tableSummaryChanged, "summary changed from \(quoted(old.summary)) to \(quoted(new.summary))")
        }
        changes += diffFields(old: old, new: new)
        changes += diffQueryParameters(old: old, new: new)
        return changes
    }

    // MARK: - Columns

    private static func diffFields(old: Table, new: Table) -> [SchemaChange] {
        // Every finding below compares fields; most tables of a catalog are unchanged, and equal
        // field lists (names, types, text, lines) have none.
        if old.fields == new.fields { return [] }
        var changes: [SchemaChange] = []
        let id = new.id
        let newNames = Set(new.fields.map(\.name))
        let oldNames = Set(old.fields.map(\.name))
        var removed = old.fields.filter { !newNames.contains($0.name) }
        var added = new.fields.filter { !oldNames.contains($0.name) }

        func location(_ table: Table, _ field: Field) -> SourceLocation {
            SourceLocation(file: table.source.file, line: field.line)
        }

        for (before, after) in likelyRenames(removed: removed, added: added) {
            changes.append(
                SchemaChange(
                    rule: .fieldRenamed, tableID: id, subject: .field(before.name),
                    message:
                        "column `\(before.name)` was removed and `\(after.name)` added with the same type (\(after.dataType.spelling)) and description",
                    hint:
                        "likely renamed `\(before.name)` → `\(after.name)`; code, rows and SQL using `\(before.name)` must move to `\(after.name)`",
                    oldLocation: location(old, before), newLocation: location(new, after)))
            removed.removeAll { $0.name == before.name }
            added.removeAll { $0.name == after.name }
        }
        for field in removed {
            changes.append(
                SchemaChange(
                    rule: .fieldRemoved, tableID: id, subject: .field(field.name),
                    message: "column `\(field.name)` (\(field.dataType.spelling)) was removed",
                    oldLocation: location(old, field), newLocation: new.source))
        }
        for field in added {
            changes.append(
                SchemaChange(
                    rule: .fieldAdded, tableID: id, subject: .field(field.name),
                    message: "column `\(field.name)` (\(field.dataType.spelling)) was added",
                    oldLocation: old.source, newLocation: location(new, field)))
        }

        let oldByName = Dictionary(old.fields.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for after in new.fields {
            guard let before = oldByName[after.name] else { continue }
            func fieldChange(_ rule: ChangeRule, _ message: String, types: Bool = false) {
                changes.append(
                    SchemaChange(
                        rule: rule, tableID: id, subject: .field(after.name), message: message,
                        oldLocation: location(old, before), newLocation: location(new, after),
                        oldType: types ? SchemaChange.TypeForms(before.dataType) : nil,
                        newType: types ? SchemaChange.TypeForms(after.dataType) : nil))
            }
            let (a, b) = (before.dataType, after.dataType)
            if a.base != b.base {
                fieldChange(.fieldTypeChanged, "column `\(after.name)` changed type: " + typeChange(a, b), types: true)
            } else if a.isArray != b.isArray {
                let shape = b.isArray ? "became a list" : "is no longer a list"
                fieldChange(.fieldArrayChanged, "column `\(after.name)` \(shape): " + typeChange(a, b), types: true)
            }
            if before.variant != after.variant {
                fieldChange(
                    .fieldVariantChanged,
                    "column `\(after.name)` changed kind from \(before.variant) to \(after.variant)")
            }
            if before.title != after.title {
                fieldChange(
                    .fieldTitleChanged,
                    "column `\(after.name)` title changed from \(quoted(before.title)) to \(quoted(after.title))")
            }
            if before.description != after.description {
                fieldChange(
                    .fieldDescriptionChanged,
                    "column `\(after.name)` description changed from \(quoted(before.description)) to \(quoted(after.description))"
                )
            }
        }

        // Order among the columns both sides have; additions and removals are reported on their own.
        let kept = old.fields.map(\.name).filter(newNames.contains)
        let keptInNewOrder = new.fields.map(\.name).filter(oldNames.contains)
        if kept != keptInNewOrder {
            let moved = zip(kept, keptInNewOrder).first { $0 != $1 }.map { $0.1 } ?? keptInNewOrder.first ?? ""
            let firstMoved = new.fields.first { $0.name == moved }
            changes.append(
                SchemaChange(
                    rule: .fieldOrderChanged, tableID: id, subject: .table,
                    message:
                        "column order changed: was \(kept.joined(separator: ", ")); now \(keptInNewOrder.joined(separator: ", "))",
                    oldLocation: old.fields.first { $0.name == moved }.map { location(old, $0) },
                    newLocation: firstMoved.map { location(new, $0) }))
        }
        return changes
    }

    /// Pairs a removed column with an added one when they share type and (non-empty) description and
    /// neither has another candidate: an ambiguous guess would send users to the wrong column.
    static func likelyRenames(removed: [Field], added: [Field]) -> [(Field, Field)] {
        func same(_ a: Field, _ b: Field) -> Bool {
            !a.description.isEmpty && a.dataType.spelling == b.dataType.spelling && a.description == b.description
        }
        var pairs: [(Field, Field)] = []
        for before in removed {
            let candidates = added.filter { same(before, $0) }
            guard candidates.count == 1, let after = candidates.first,
                removed.filter({ same($0, after) }).count == 1
            else { continue }
            pairs.append((before, after))
        }
        return pairs
    }

    /// `hstore → hstore_csv (Swift [String: String]? → [String]?, PostgreSQL ..., SQLite ..., JSON Schema ...)`:
    /// the message alone tells each consumer what it has to change.
    static func typeChange(_ a: DataType, _ b: DataType) -> String {
        let (x, y) = (SchemaChange.TypeForms(a), SchemaChange.TypeForms(b))
        func pair(_ l: String, _ r: String) -> String { l == r ? "\(l) (unchanged)" : "\(l) → \(r)" }
        return "\(x.ddsql) → \(y.ddsql) (Swift \(pair(x.swift, y.swift)); PostgreSQL \(pair(x.postgres, y.postgres)); "
            + "SQLite \(pair(x.sqlite, y.sqlite)); JSON Schema \(pair(x.jsonSchema, y.jsonSchema)))"
    }

    // MARK: - Query parameters

    private static func diffQueryParameters(old: Table, new: Table) -> [SchemaChange] {
        var changes: [SchemaChange] = []
        let id = new.id
        let oldByName = Dictionary(old.queryParameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newByName = Dictionary(new.queryParameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func location(_ table: Table, _ parameter: QueryParameter) -> SourceLocation {
            SourceLocation(file: table.source.file, line: parameter.line)
        }
        for before in old.queryParameters where newByName[before.name] == nil {
            changes.append(
                SchemaChange(
                    rule: .queryParameterRemoved, tableID: id, subject: .queryParameter(before.name),
                    message: "query parameter `\(before.name)` (\(before.type)) was removed",
                    oldLocation: location(old, before), newLocation: new.source))
        }
        for after in new.queryParameters {
            let here = location(new, after)
            guard let before = oldByName[after.name] else {
                let rule: ChangeRule = after.required ? .queryParameterRequiredAdded : .queryParameterAdded
                changes.append(
                    SchemaChange(
                        rule: rule, tableID: id, subject: .queryParameter(after.name),
                        message:
                            "\(after.required ? "required" : "optional") query parameter `\(after.name)` (\(after.type)) was added",
                        oldLocation: old.source, newLocation: here))
                continue
            }
            var breaking: [String] = []
            var relaxed: [String] = []
            if before.type != after.type { breaking.append("type \(before.type) → \(after.type)") }
            if !before.required && after.required { breaking.append("now required") }
            if before.required && !after.required { relaxed.append("now optional") }
            if before.description != after.description {
                relaxed.append("description changed from \(quoted(before.description)) to \(quoted(after.description))")
            }
            if !breaking.isEmpty {
                changes.append(
                    SchemaChange(
                        rule: .queryParameterChanged, tableID: id, subject: .queryParameter(after.name),
                        message: "query parameter `\(after.name)` changed: " + breaking.joined(separator: ", "),
                        oldLocation: location(old, before), newLocation: here))
            }
            if !relaxed.isEmpty {
                changes.append(
                    SchemaChange(
                        rule: .queryParameterDescriptionChanged, tableID: id, subject: .queryParameter(after.name),
                        message: "query parameter `\(after.name)`: " + relaxed.joined(separator: ", "),
                        oldLocation: location(old, before), newLocation: here))
            }
        }
        return changes
    }

    // MARK: - Text

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Quoted and shortened: summaries run to hundreds of characters, and a report line should not.
    static func quoted(_ text: String?) -> String {
        guard let text else { return "(none)" }
        let limit = 80
        let short = text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
        return "\"\(short)\""
    }
}
