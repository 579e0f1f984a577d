"""The rows the loopback server answers table queries with: three rows per table, made from each column's page type
(from `schemagen dump`), covering every type's edge values (Int64.min/max, pre-1970 and year-9999 timestamps,
non-ASCII text, nested JSON, empty and multi-valued hstores, empty arrays) with nulls spread over the rows.

`wire_value` is a value as the DDSQL API sends it (API.md); check_ddsql_rows.py works out independently what the
generated row JSON must say for it. Python 3 standard library only.
"""
ROWS = 3
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1

# Empty, multi-valued, and values with colons and non-ASCII text.
HSTORES = [{'env': 'prod', 'team': ['a', 'b']}, {}, {'k': 'v:with:colons', 'ключ': 'значение'}]

# Per page base type: the API type (API.md's mapping) and one wire value per row.
BASE = {
    'string': ('VARCHAR', ['日本語 — émoji 🚀', 'quote " backslash \\ newline \n tab \t', '']),
    'int64': ('BIGINT', [INT64_MIN, INT64_MAX, 0]),
    'float64': ('DECIMAL', [3.141592653589793, -2.5e-300, 1e300]),
    'bool': ('BOOLEAN', [True, False, True]),
    'timestamp': ('TIMESTAMP', [-62135596800000, -1, 253402300799999]),
    'date': ('DATE', [-86400000, 0, 253402214400000]),
    'interval': ('INTERVAL', ['1 day 02:00:00', '00:00:01', '']),
    'json': ('JSON', ['{"a": [1, 2, {"b": null}], "big": 9223372036854775807, "s": "\\u00e9", "f": 1.5}',
                      {'raw': True, 'list': [1, 'two']}, '"just a string"']),
    'hstore': ('HSTORE', HSTORES),
    'hstore_csv': ('HSTORE', HSTORES),
}

# What a table function's AS list declares for a page type (the output types the API accepts).
AS_TYPE = {'string': 'VARCHAR', 'int64': 'BIGINT', 'float64': 'DECIMAL', 'bool': 'BOOLEAN',
           'timestamp': 'TIMESTAMP', 'date': 'TIMESTAMP'}


def api_type(field):
    base = BASE.get(field['baseType'], (field['baseType'].upper(), None))[0]
    return base + '[]' if field['isArray'] else base


def is_null(row, column):
    """Nulls spread over rows and columns: every row has some, no column is null in every row."""
    return (row + column) % 5 == 4


def wire_value(field, row, column):
    """The value of column number `column` (page order) in `row`, as the API sends it in the column's API type."""
    if is_null(row, column):
        return None
    values = BASE[field['baseType']][1]
    if field['isArray']:
        # Two elements, none, one: arrays of every length class.
        return [[values[0], values[1]], [], [values[2]]][row]
    return values[row]


def as_type(field):
    """The output type a table function's AS list gives the column: JSON for what has no plain output type."""
    return 'JSON' if field['isArray'] else AS_TYPE.get(field['baseType'], 'JSON')
