/// What every output does with a row carrying a column its page does not list: one rule for the
/// Swift decoders and the JSON Schemas, and the severity `diff` gives an added column.
///
/// Tolerant by default: upstream adds columns far more often than it removes them, and a new column
/// should not fail code generated before it existed. Strict on request, to catch typos and additions.
public enum UnknownColumns: String, Sendable, Hashable, CaseIterable {
    /// Decoding ignores the column; JSON Schemas allow it (`additionalProperties: true`); `diff` reports
    /// an added column as `info`.
    case ignore
    /// Decoding throws naming the column; JSON Schemas reject it (`additionalProperties: false`); `diff`
    /// reports an added column as a `warning` that breaks rows on the wire.
    case reject

    public static let knownValues = allCases.map(\.rawValue).joined(separator: " or ")
}
