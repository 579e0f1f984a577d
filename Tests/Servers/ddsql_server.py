#!/usr/bin/env python3
"""A loopback stand-in for Datadog's DDSQL tabular query API, for the DDSQLClient tests.

usage: ddsql_server.py [--api-key K] [--app-key A]

Listens on 127.0.0.1 on a free port, prints `PORT <n>` on stdout, and serves until stdin closes (so it ends
with the test process that started it). Python 3 standard library only.

It checks requests the way the real API does (docs/design API.md): POST with JSON, both key headers present
and right, the documented body shapes, `row_limit` in 1...10000 and a `time` window, and fetches by the
identity that executed. The answer is chosen by the query text: `scenario.<name>` anywhere in it selects a
scenario (see SCENARIOS); state such as poll counts is kept per query text, so tests stay independent when each
uses its own text. `GET /_test/requests` returns every request received, for asserting the wire format.
"""
import argparse, itertools, json, re, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

EXECUTE = '/api/v2/ddsql/query/tabular'
FETCH = '/api/v2/ddsql/query/tabular/fetch'
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1
AS_TYPES = {'BIGINT', 'BOOLEAN', 'DECIMAL', 'JSON', 'TIMESTAMP', 'VARCHAR'}

lock = threading.Lock()
requests_log = []          # every request, in arrival order
queries = {}               # query_id -> {'text', 'polls', 'keys', 'row_limit'}
per_text = {}              # query text -> calls so far (rate limit scenarios)
query_ids = itertools.count(1)


def column(name, type_, values):
    return {'name': name, 'type': type_, 'values': values}


def completed(columns, warnings=None, extra=None):
    attributes = {'state': 'completed', 'columns': columns}
    if warnings is not None:
        attributes['warnings'] = warnings
    body = {'data': {'id': 'result', 'type': 'ddsql_query_response', 'attributes': attributes},
            'meta': {'elapsed': 12, 'request_id': 'req-completed'}}
    if extra:
        extra(body)
    return body


def running(query_id):
    return {'data': {'id': query_id, 'type': 'ddsql_query_response',
                     'attributes': {'state': 'running', 'query_id': query_id}},
            'meta': {'elapsed': 3, 'request_id': 'req-running-' + query_id}}


def api_error(status, title, detail, request_id):
    return status, {'errors': [{'status': str(status), 'title': title, 'detail': detail,
                                'source': {'pointer': '/data/attributes/query'}, 'meta': {'hint': 'none'}}],
                    'meta': {'request_id': request_id}}


SIMPLE = [column('name', 'VARCHAR', ['alpha', 'beta', 'gamma']), column('count', 'BIGINT', [1, 2, 3])]

# Every column type with its edge values: five rows.
ALL_TYPES = [
    column('big', 'BIGINT', [INT64_MIN, INT64_MAX, 0, None, 2 ** 53 + 1]),
    column('dec', 'DECIMAL', [3.141592653589793, -2.5e-300, 1e300, None, 0]),
    column('flag', 'BOOLEAN', [True, False, None, True, False]),
    column('text', 'VARCHAR', ['plain', '日本語 — émoji 🚀', 'quote " backslash \\ newline \n tab \t', '', None]),
    column('ts', 'TIMESTAMP', [-62135596800000, -1, 253402300799999, 1759397764123, None]),
    column('day', 'DATE', [-86400000, 0, 253402214400000, None, 1759363200000]),
    column('doc', 'JSON', ['{"a": [1, 2, {"b": null}], "big": 9223372036854775807, "s": "\\u00e9", "f": 1.5}',
                           {'raw': True, 'list': [1, 'two']}, '"just a string"', None, '[]']),
    column('tags', 'HSTORE', [{'env': 'prod', 'team': ['a', 'b']}, {}, {'k': 'v:with:colons'}, None,
                              {'multi': ['x', 'y', 'z'], 'bare': None}]),
    column('tag_list', 'HSTORE', [{'env': 'prod', 'team': ['a', 'b']}, {}, None, {'k': 'v'},
                                  ['service:web', 'bare']]),
    column('names', 'VARCHAR[]', [['a', 'b'], [], None, ['ü'], ['x', 'y']]),
    column('nums', 'BIGINT[]', [[1, INT64_MIN], [], None, [INT64_MAX], [0]]),
    column('period', 'INTERVAL', ['1 day 02:00:00', {'months': 1}, None, 42, [1]]),
]

# What the table function scenario returns per requested source column.
LOG_VALUES = {
    'timestamp': ('TIMESTAMP', [1759397764000, 1759397765000]),
    'host': ('VARCHAR', ['i-0123', 'i-0456']),
    'service': ('VARCHAR', ['web-api', 'web-api']),
    'message': ('VARCHAR', ['GET /health', 'boom']),
    '@http.status_code': ('BIGINT', [200, 500]),
    '@network.client.port': ('BIGINT', [51402, None]),
}


def table_function(text):
    """Answers `SELECT ... FROM dd.logs(columns => ARRAY[...], ...) AS (alias TYPE, ...)` by its AS list."""
    listed = re.search(r"columns\s*=>\s*ARRAY\[(.*?)\]", text)
    as_list = re.search(r"\)\s*AS\s*\((.*)\)\s*$", text)
    if not listed or not as_list:
        return api_error(400, 'Bad Request', 'mismatched input: a table function needs columns => ARRAY[...] '
                         'and AS (...)', 'req-tf')
    sources = re.findall(r"'((?:[^']|'')*)'", listed.group(1))
    outputs = [part.strip() for part in as_list.group(1).split(',')]
    if len(sources) != len(outputs):
        return api_error(400, 'Bad Request', f'AS list has {len(outputs)} columns but columns has {len(sources)}',
                         'req-tf')
    columns = []
    for source, output in zip(sources, outputs):
        match = re.fullmatch(r'"((?:[^"]|"")+)"\s+([A-Z]+)', output)
        if not match:
            return api_error(400, 'Bad Request', f'cannot read AS entry {output!r}', 'req-tf')
        alias, type_ = match.group(1), match.group(2)
        if type_ not in AS_TYPES:
            return api_error(400, 'Bad Request', f'unsupported output type {type_}', 'req-tf')
        if source not in LOG_VALUES:
            return api_error(400, 'Bad Request', f'unknown column {source!r}', 'req-tf')
        columns.append(column(alias, type_, LOG_VALUES[source][1]))
    if 'filter => ' not in text:
        return api_error(400, 'Bad Request', 'expected a filter argument in this scenario', 'req-tf')
    return 200, completed(columns)


def answer_completed(name, text, row_limit):
    """(status, body, headers) for a scenario's completed answer."""
    if name in ('immediate', 'running', 'rate_limited'):
        return 200, completed(SIMPLE), {}
    if name == 'truncation':
        count = min(row_limit, 25)
        return 200, completed([column('n', 'BIGINT', list(range(count)))]), {}
    if name == 'warnings':
        return 200, completed(SIMPLE, warnings=['Some partitions were skipped',
                                                'Result truncated at the row limit']), {}
    if name == 'ragged':
        return 200, completed([column('name', 'VARCHAR', ['a', 'b', 'c']), column('count', 'BIGINT', [1, 2])]), {}
    if name == 'wrong_type':
        return 200, completed([column('name', 'VARCHAR', ['a', 'b', 'c']), column('count', 'BIGINT', [1, '2', 3])]), {}
    if name == 'missing_envelope':
        return 200, {'meta': {'elapsed': 1, 'request_id': 'req-noenv'}}, {}
    if name == 'not_json':
        return 200, '<html>gateway</html>', {}
    if name == 'extra_keys':
        def decorate(body):
            body['data']['attributes']['future_field'] = {'nested': [1, 2]}
            body['data']['links'] = {'self': 'x'}
            body['meta']['cost'] = 1.5
            body['included'] = []
            for entry in body['data']['attributes']['columns']:
                entry['nullable'] = True
        columns = [column('unexpected', 'VARCHAR', ['u1', 'u2', 'u3'])] + SIMPLE + [
            column('also_extra', 'JSON', ['{}', 'not even json', None])]
        return 200, completed(columns, warnings=[], extra=decorate), {}
    if name == 'reordered':
        return 200, completed([SIMPLE[1], column('ignored', 'BOOLEAN', [True, False, True]), SIMPLE[0]]), {}
    if name in ('all_types', 'all_types_escaped'):
        return 200, completed(ALL_TYPES), {}
    if name == 'table_function':
        status, body = table_function(text)
        return status, body, {}
    if name == 'duplicate_names':
        return 200, completed([column('name', 'VARCHAR', ['first']), column('name', 'VARCHAR', ['second']),
                               column('count', 'BIGINT', [7])]), {}
    return 400, {'errors': [{'status': '400', 'title': 'Bad Request',
                             'detail': f'unknown test scenario {name!r}'}]}, {}


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, *args):
        pass

    def send(self, status, body, headers=None, ensure_ascii=False):
        data = (body if isinstance(body, str) else json.dumps(body, ensure_ascii=ensure_ascii)).encode('utf-8')
        self.send_response(status)
        self.send_header('Content-Type', 'application/json' if not isinstance(body, str) else 'text/html')
        self.send_header('Content-Length', str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == '/_test/requests':
            with lock:
                self.send(200, requests_log)
        else:
            self.send(404, {'errors': ['not found']})

    def do_POST(self):
        length = int(self.headers.get('Content-Length') or 0)
        raw = self.rfile.read(length)
        api_key, app_key = self.headers.get('DD-API-KEY'), self.headers.get('DD-APPLICATION-KEY')
        entry = {'path': self.path, 'time': time.monotonic(), 'api_key': api_key, 'app_key': app_key,
                 'content_type': self.headers.get('Content-Type'), 'accept': self.headers.get('Accept'),
                 'body': raw.decode('utf-8', 'replace')}
        self.entry = entry
        with lock:
            requests_log.append(entry)
        if self.path not in (EXECUTE, FETCH):
            return self.send(404, {'errors': [{'status': '404', 'title': 'Not Found', 'detail': 'no such path'}]})
        if api_key is None or app_key is None:
            return self.send(*api_error(403, 'Forbidden', 'API key and application key headers are required',
                                        'req-nokey'))
        if api_key != self.server.api_key or app_key != self.server.app_key:
            return self.send(*api_error(403, 'Forbidden', 'Invalid API key or application key', 'req-badkey'))
        if (self.headers.get('Content-Type') or '').split(';')[0].strip() != 'application/json':
            return self.send(*api_error(415, 'Unsupported Media Type', 'expected application/json', 'req-ct'))
        try:
            body = json.loads(raw)
            data = body['data']
            attributes = data['attributes']
        except (ValueError, KeyError, TypeError):
            return self.send(*api_error(400, 'Bad Request', 'request body is not a JSON:API document', 'req-body'))
        if self.path == EXECUTE:
            return self.execute(data, attributes, (api_key, app_key))
        return self.fetch(data, attributes, (api_key, app_key))

    def execute(self, data, attributes, keys):
        if data.get('type') != 'ddsql_query_request':
            return self.send(*api_error(400, 'Bad Request', 'data.type must be ddsql_query_request', 'req-type'))
        text, row_limit, window = attributes.get('query'), attributes.get('row_limit', 5000), attributes.get('time')
        if not isinstance(text, str) or not text:
            return self.send(*api_error(400, 'Bad Request', 'query is required', 'req-query'))
        if type(row_limit) is not int or not 1 <= row_limit <= 10000:
            return self.send(*api_error(400, 'Bad Request', 'row_limit must be between 1 and 10000',
                                        'req-row-limit'))
        if (not isinstance(window, dict) or type(window.get('from_timestamp')) is not int
                or type(window.get('to_timestamp')) is not int
                or window['from_timestamp'] >= window['to_timestamp']):
            return self.send(*api_error(400, 'Bad Request', 'time.from_timestamp and time.to_timestamp are required '
                                        'Unix milliseconds, from before to', 'req-time'))
        match = re.search(r'scenario\.([a-z0-9_]+)', text)
        name = match.group(1) if match else 'immediate'
        with lock:
            calls = per_text.get(text, 0) + 1
            per_text[text] = calls
        if name == 'rate_limited' and calls == 1 or name == 'rate_limited_long':
            reset = '1' if name == 'rate_limited' else '3600'
            return self.send(429, {'errors': ['Too many requests']},
                             {'X-RateLimit-Limit': '60', 'X-RateLimit-Period': '20', 'X-RateLimit-Remaining': '0',
                              'X-RateLimit-Reset': reset, 'X-RateLimit-Name': 'ddsql_query'})
        if name == 'error_400':
            return self.send(*api_error(400, 'Bad Request', 'depends on non-existent dataset "aws.nope"', 'req-400'))
        if name == 'error_403':
            return self.send(*api_error(403, 'Forbidden', 'Forbidden: the key lacks timeseries_query', 'req-403'))
        if name == 'error_500':
            return self.send(*api_error(500, 'Internal Server Error', 'internal error — retry later', 'req-500'))
        if name == 'error_401_text':
            return self.send(401, 'Unauthorized: plain text from a proxy')
        if name == 'slow':
            time.sleep(3)
        if name == 'redirect':
            self.send_response(307)
            self.send_header('Location', 'http://127.0.0.2:9/elsewhere')
            self.send_header('Content-Length', '0')
            self.end_headers()
            return
        if name in ('running', 'running_forever'):
            query_id = f'q{next(query_ids)}'
            with lock:
                queries[query_id] = {'text': text, 'polls': 0, 'keys': keys, 'row_limit': row_limit}
                self.entry['query_id'] = query_id
            return self.send(200, running(query_id))
        status, body, headers = answer_completed(name, text, row_limit)
        self.send(status, body, headers, ensure_ascii=(name == 'all_types_escaped'))

    def fetch(self, data, attributes, keys):
        if data.get('type') != 'ddsql_query_fetch_request':
            return self.send(*api_error(400, 'Bad Request', 'data.type must be ddsql_query_fetch_request',
                                        'req-type'))
        query_id = attributes.get('query_id')
        with lock:
            query = queries.get(query_id)
            if query is not None:
                query['polls'] += 1
        if query is None:
            return self.send(*api_error(400, 'Bad Request', f'unknown query_id {query_id!r}', 'req-qid'))
        if query['keys'] != keys:
            return self.send(*api_error(403, 'Forbidden', 'fetch with the identity that executed', 'req-id'))
        name = re.search(r'scenario\.([a-z0-9_]+)', query['text']).group(1)
        if name == 'running_forever' or query['polls'] < 3:
            return self.send(200, running(query_id))
        status, body, headers = answer_completed(name, query['text'], query['row_limit'])
        self.send(status, body, headers)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--api-key', default='test-api-key')
    parser.add_argument('--app-key', default='test-app-key')
    args = parser.parse_args()
    # The tests run in parallel: a deep listen queue keeps a busy machine from refusing their connections.
    ThreadingHTTPServer.request_queue_size = 512
    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    server.api_key, server.app_key = args.api_key, args.app_key
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f'PORT {server.server_address[1]}', flush=True)
    sys.stdin.read()  # returns when the parent closes stdin or exits
    server.shutdown()


if __name__ == '__main__':
    main()
