#!/usr/bin/env python3
"""The DDSQL loopback server of DDSQLClient's tests (Tests/Servers/ddsql_server.py), answering queries of real
tables with their columns, for `ddsql-rows`.

usage: table_server.py --schema SCHEMA.json --scenario NAME [--api-key K] [--app-key A]

Prints `PORT <n>` and serves until stdin closes. SCHEMA.json is `schemagen dump` of the pages. Every query is
answered as scenario NAME (the test server's scenarios: immediate, running, rate_limited, error_400, ...); where
that scenario completes with rows, they are the table's (table_data.py), for exactly the columns the query asks,
after checking it asks for every column of the page, quoted, in page order (and, for a table function, with an
`AS` list that types each column as the API accepts). Python 3 standard library only.
"""
import argparse, json, os, re, sys, threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'Tests', 'Servers'))
import ddsql_server  # noqa: E402
from ddsql_server import api_error, column, completed  # noqa: E402
import table_data  # noqa: E402

SCHEMA = {}
DATA_SCENARIOS = {'immediate', 'running', 'rate_limited', 'truncation', 'warnings', 'ragged', 'wrong_type',
                  'extra_keys', 'reordered'}
MARKER = re.compile(r'^/\* scenario\.[a-z0-9_]+ \*/ ')


def identifier(name):
    return '"' + name.replace('"', '""') + '"'


def literal(name):
    return "'" + name.replace("'", "''") + "'"


def requested(text):
    """(table, [(field, result name, wire type)]) for the query, or an API error tuple."""
    plain = re.fullmatch(r'SELECT (.*) FROM ([a-z0-9_]+\.[a-z0-9_]+)', text, re.S)
    function = re.fullmatch(r'SELECT (.*) FROM ([a-z0-9_]+\.[a-z0-9_]+)\((.*)\) AS \((.*)\)', text, re.S)
    match = function or plain
    if not match or match.group(2) not in SCHEMA:
        return api_error(400, 'Bad Request', f'depends on non-existent dataset in {text[:80]!r}', 'req-table')
    table = SCHEMA[match.group(2)]
    fields = table['fields']
    if table['queryParameters']:
        if not function:
            return api_error(400, 'Bad Request', f'{table["id"]} is a table function: call it', 'req-tf')
        arguments = function.group(3)
        listed = 'columns => ARRAY[' + ', '.join(literal(f['name']) for f in fields) + ']'
        if not arguments.startswith(listed):
            return api_error(400, 'Bad Request', 'columns must list every column of the page in order', 'req-tf')
        entries = [e.strip() for e in function.group(4).split(', ')]
        parsed = [re.fullmatch(r'"((?:[^"]|"")+)" ([A-Z]+)', e) for e in entries]
        if len(parsed) != len(fields) or not all(parsed):
            return api_error(400, 'Bad Request', f'AS list does not type {len(fields)} columns', 'req-tf')
        aliases = [p.group(1).replace('""', '"') for p in parsed]
        for field, entry in zip(fields, parsed):
            if entry.group(2) != table_data.as_type(field):
                return api_error(400, 'Bad Request', f'column {field["name"]} declared {entry.group(2)}', 'req-tf')
        if match.group(1) != ', '.join(identifier(a) for a in aliases) or len(set(aliases)) != len(aliases):
            return api_error(400, 'Bad Request', 'select the AS aliases, each once', 'req-tf')
        return table, [(f, a, table_data.as_type(f)) for f, a in zip(fields, aliases)]
    if match.group(1) != ', '.join(identifier(f['name']) for f in fields):
        return api_error(400, 'Bad Request', 'select every column of the page, quoted, in page order', 'req-cols')
    return table, [(f, f['name'], table_data.api_type(f)) for f in fields]


def values(field, wire_type, index, count):
    out = [table_data.wire_value(field, row, index) for row in range(count)]
    if wire_type == 'JSON' and field['baseType'] != 'json':
        # A table function's JSON output: the value as JSON text.
        out = [None if v is None else json.dumps(v, ensure_ascii=False) for v in out]
    return out


def answer(name, text, row_limit):
    text = MARKER.sub('', text)
    if name not in DATA_SCENARIOS:
        return ORIGINAL_ANSWER(name, text, row_limit)
    found = requested(text)
    if isinstance(found[0], int):
        return found[0], found[1], {}
    table, columns = found
    count = min(row_limit, table_data.ROWS)
    result = [column(result_name, wire_type, values(field, wire_type, i, count))
              for i, (field, result_name, wire_type) in enumerate(columns)]
    warnings, extra = None, None
    if name == 'warnings':
        warnings = ['Some partitions were skipped', 'Result truncated at the row limit']
    elif name == 'reordered':
        result.reverse()
    elif name == 'ragged':
        result[len(result) // 2]['values'].pop()
    elif name == 'wrong_type':
        target = next((c for c in result if c['type'] == 'BIGINT'), None) or \
            next(c for c in result if c['type'] == 'VARCHAR')
        target['values'][1] = '12' if target['type'] == 'BIGINT' else 12
    elif name == 'extra_keys':
        result = [column('unexpected', 'VARCHAR', ['u'] * count)] + result + [
            column('also_extra', 'JSON', ['not even json'] * count)]

        def extra(body):
            body['data']['attributes']['future_field'] = {'nested': [1, 2]}
            body['data']['links'] = {'self': 'x'}
            body['meta']['cost'] = 1.5
            for entry in body['data']['attributes']['columns']:
                entry['nullable'] = True
    return 200, completed(result, warnings=warnings, extra=extra), {}


class TableHandler(ddsql_server.Handler):
    def execute(self, data, attributes, keys):
        # The test server picks a scenario by the query text: name this server's in it.
        if isinstance(attributes.get('query'), str):
            attributes['query'] = f'/* scenario.{self.server.scenario} */ ' + attributes['query']
        return super().execute(data, attributes, keys)


ORIGINAL_ANSWER = ddsql_server.answer_completed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--schema', required=True)
    parser.add_argument('--scenario', required=True)
    parser.add_argument('--api-key', default='test-api-key')
    parser.add_argument('--app-key', default='test-app-key')
    args = parser.parse_args()
    with open(args.schema, encoding='utf-8') as f:
        for table in json.load(f)['tables']:
            SCHEMA[table['id']] = table
    ddsql_server.answer_completed = answer
    server = ddsql_server.ThreadingHTTPServer(('127.0.0.1', 0), TableHandler)
    server.daemon_threads = True
    server.api_key, server.app_key, server.scenario = args.api_key, args.app_key, args.scenario
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f'PORT {server.server_address[1]}', flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == '__main__':
    main()
