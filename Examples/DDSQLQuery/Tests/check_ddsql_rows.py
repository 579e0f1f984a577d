#!/usr/bin/env python3
"""Runs `ddsql-rows` as a process against table_server.py on loopback, for every table of the example and every
scenario of the DDSQL test server, and checks its stdout, stderr and exit status.

usage: check_ddsql_rows.py DDSQL_ROWS SCHEMA.json

What each row must print is worked out here from the page types and the wire values (table_data.py), by the rules
of API.md and TYPES.md (timestamps from Unix ms to RFC 3339, json parsed from its text, hstore as comma-joined
strings, hstore_csv as key:value tags), not from the Swift code. Python 3 standard library only.
"""
import concurrent.futures, datetime, json, os, re, signal, subprocess, sys, time, urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import table_data  # noqa: E402

API_KEY, APP_KEY = 'secret-api-key-3f9a', 'secret-app-key-71c2'
failures = []


def fail(context, message):
    failures.append(f'{context}: {message}')


def ms_of_rfc3339(text):
    match = re.fullmatch(r'(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?Z', text)
    if not match:
        return None
    y, mo, d, h, mi, s = (int(g) for g in match.groups()[:6])
    fraction = match.group(7) or ''
    whole = datetime.datetime(y, mo, d, h, mi, s, tzinfo=datetime.timezone.utc)
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    delta = whole - epoch
    seconds = delta.days * 86400 + delta.seconds
    return seconds * 1000 + int((fraction + '000')[:3])


def expected_value(field, wire):
    """What the row JSON holds for a wire value of the column's page type (None: null)."""
    if wire is None:
        return None
    if field['isArray']:
        element = dict(field, isArray=False)
        return [expected_value(element, item) for item in wire]
    base = field['baseType']
    if base == 'timestamp':
        return ('ms', wire)
    if base == 'date':
        return (datetime.datetime(1970, 1, 1) + datetime.timedelta(milliseconds=wire)).strftime('%Y-%m-%d')
    if base == 'json':
        return json.loads(wire) if isinstance(wire, str) else wire
    if base == 'hstore':
        return {k: ','.join(v) if isinstance(v, list) else v for k, v in wire.items()}
    if base == 'hstore_csv':
        return [f'{k}:{item}' for k, v in wire.items() for item in (v if isinstance(v, list) else [v])]
    return wire


def same(expected, actual):
    if isinstance(expected, tuple):
        return isinstance(actual, str) and ms_of_rfc3339(actual) == expected[1]
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(map(same, expected, actual))
    if isinstance(expected, dict):
        return isinstance(actual, dict) and expected.keys() == actual.keys() and all(
            same(expected[k], actual[k]) for k in expected)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual
    return expected == actual and type(expected) is type(actual) or (
        isinstance(expected, float) and isinstance(actual, (int, float)) and float(actual) == expected)


def expected_rows(table, count):
    return [{f['name']: expected_value(f, table_data.wire_value(f, row, i)) for i, f in enumerate(table['fields'])}
            for row in range(count)]


def result_name(table, index):
    """The result column the server answers column `index` under: the page name, or for a table function the
    plain alias of its AS entry (`@http.status_code` → `http_status_code`; these pages have no repeats)."""
    name = table['fields'][index]['name']
    return re.sub(r'[^a-z0-9]+', '_', name.lower()).strip('_') if table['queryParameters'] else name


class Server:
    def __init__(self, schema_path, scenario):
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(HERE, 'table_server.py'), '--schema', schema_path, '--scenario', scenario,
             '--api-key', API_KEY, '--app-key', APP_KEY], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        assert line.startswith('PORT '), line
        self.url = f'http://127.0.0.1:{int(line.split()[1])}'

    def requests(self):
        with urllib.request.urlopen(self.url + '/_test/requests', timeout=10) as response:
            return json.load(response)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=10)


def run(binary, args, env=None, timeout=60):
    environment = {k: v for k, v in os.environ.items() if not k.startswith('DD_')}
    environment.update(env or {})
    return subprocess.run([binary] + args, capture_output=True, text=True, timeout=timeout, env=environment)


def check_keys_hidden(context, result):
    for key in (API_KEY, APP_KEY):
        if key in result.stdout or key in result.stderr:
            fail(context, 'an API or application key was printed')


def check_rows(context, table, result, count, truncated, warnings=()):
    if result.returncode != 0:
        return fail(context, f'exit {result.returncode}, stderr: {result.stderr.strip()}')
    lines = result.stdout.splitlines()
    if len(lines) != count:
        return fail(context, f'{len(lines)} lines on stdout, expected {count}')
    for index, (line, expected) in enumerate(zip(lines, expected_rows(table, count))):
        try:
            actual = json.loads(line)
        except ValueError as error:
            return fail(context, f'row {index} is not JSON ({error}): {line[:200]}')
        if not same(expected, actual):
            wrong = [k for k in expected if not same(expected[k], actual.get(k, 'MISSING'))]
            extra = sorted(set(actual) - set(expected))
            return fail(context, f'row {index}: wrong columns {wrong[:5]}, extra {extra[:5]}: '
                        f'{[(k, actual.get(k)) for k in wrong[:3]]}')
    stderr = result.stderr.splitlines()
    last = f'{count} rows' + (' (truncated)' if truncated else '')
    if not stderr or stderr[-1] != last:
        fail(context, f'stderr ends {stderr[-1:]!r}, expected {last!r}')
    for warning in warnings:
        if warning not in result.stderr:
            fail(context, f'warning {warning!r} not shown')


def check_error(context, result, *needles, code=1):
    if result.returncode != code:
        return fail(context, f'exit {result.returncode}, expected {code}; stderr: {result.stderr.strip()[:300]}')
    if result.stdout:
        fail(context, f'stdout not empty: {result.stdout[:200]!r}')
    for needle in needles:
        if needle not in result.stderr:
            fail(context, f'stderr lacks {needle!r}: {result.stderr.strip()[:300]}')


def scenario_checks(binary, schema_path, table, scenario):
    context = f'{table["id"]} / {scenario}'
    # Cancellation interrupts a query the server keeps running.
    server = Server(schema_path, 'running_forever' if scenario == 'cancelled' else scenario)
    base = ['--table', table['id'], '--base-url', server.url, '--api-key', API_KEY, '--app-key', APP_KEY]
    fields = table['fields']
    try:
        if scenario in ('immediate', 'running', 'rate_limited', 'extra_keys', 'reordered'):
            result = run(binary, base)
            check_rows(context, table, result, table_data.ROWS, False)
            if scenario == 'running':
                polls = [r for r in server.requests() if r['path'].endswith('/fetch')]
                if len(polls) < 3:
                    fail(context, f'{len(polls)} fetch requests, expected at least 3')
        elif scenario == 'truncation':
            check_rows(context + ' --limit 2', table, run(binary, base + ['--limit', '2']), 2, True)
            check_rows(context + ' --limit 3', table, run(binary, base + ['--limit', '3']), 3, False)
        elif scenario == 'warnings':
            check_rows(context, table, run(binary, base), 3, True,
                       warnings=('Some partitions were skipped', 'Result truncated at the row limit'))
        elif scenario == 'error_400':
            check_error(context, run(binary, base), '400', 'depends on non-existent dataset "aws.nope"', 'req-400')
        elif scenario == 'error_403':
            result = run(binary, base)
            check_error(context, result, '403', 'Forbidden: the key lacks timeseries_query', 'req-403')
            check_keys_hidden(context, result)
        elif scenario == 'error_500':
            check_error(context, run(binary, base), '500', 'internal error — retry later', 'req-500')
        elif scenario == 'rate_limited_long':
            check_error(context, run(binary, base), 'HTTP 429', 'Too many requests')
        elif scenario == 'missing_envelope':
            check_error(context, run(binary, base), 'malformed DDSQL response', 'req-noenv')
        elif scenario == 'running_forever':
            result = run(binary, base + ['--deadline', '1.5'])
            check_error(context, result, 'still running after 1.5 s')
        elif scenario == 'ragged':
            name = result_name(table, len(fields) // 2)
            check_error(context, run(binary, base), f'column {name} has 2 values', 'columns of different lengths')
        elif scenario == 'wrong_type':
            index = next((i for i, f in enumerate(fields) if table_data.api_type(f) == 'BIGINT' or (
                table['queryParameters'] and table_data.as_type(f) == 'BIGINT')), None)
            if index is None:
                index = next(i for i, f in enumerate(fields) if f['baseType'] == 'string' and not f['isArray'])
            name = result_name(table, index)
            check_error(context, run(binary, base), f'column {name}, row 1')
        elif scenario == 'cancelled':
            process = subprocess.Popen([binary] + base, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                       env={k: v for k, v in os.environ.items() if not k.startswith('DD_')})
            deadline = time.monotonic() + 30
            while not any(r['path'].endswith('/fetch') for r in server.requests()):
                if time.monotonic() > deadline or process.poll() is not None:
                    break
                time.sleep(0.05)
            process.send_signal(signal.SIGINT)
            stdout, stderr = process.communicate(timeout=30)
            if process.returncode != 130 or 'cancelled' not in stderr or stdout:
                fail(context, f'exit {process.returncode}, stdout {stdout[:100]!r}, stderr {stderr.strip()!r}')
            count = len(server.requests())
            time.sleep(1.5)
            if len(server.requests()) != count:
                fail(context, 'requests continued after the process ended')
        else:
            raise ValueError(scenario)
    finally:
        server.close()


def usage_checks(binary, schema_path):
    server = Server(schema_path, 'immediate')
    try:
        table = ['--table', 'k8s.pods']
        keys = ['--api-key', API_KEY, '--app-key', APP_KEY]
        cases = [
            ([], 2, '--table is required'),
            (['--table', 'aws.nope'] + keys, 2, 'unknown table aws.nope'),
            (table + ['--limit', '0'] + keys, 2, '--limit must be'),
            (table + ['--limit', '10001'] + keys, 2, '--limit must be'),
            (table + ['--limit', 'ten'] + keys, 2, '--limit must be'),
            (table + ['--site', 'datadoghq.eu', '--base-url', server.url] + keys, 2, 'not both'),
            (table + ['--site', 'nowhere.example'] + keys, 2, 'unknown site'),
            (table + ['--base-url', server.url], 2, 'no API key'),
            (table + ['--bogus'], 2, 'unknown argument --bogus'),
            (table + ['--limit'], 2, '--limit needs a value'),
        ]
        for args, code, needle in cases:
            result = run(binary, args)
            check_error('usage ' + ' '.join(args), result, needle, code=code)
            check_keys_hidden('usage ' + ' '.join(args), result)
        # Keys from the environment.
        env = {'DD_API_KEY': API_KEY, 'DD_APP_KEY': APP_KEY}
        schema = {t['id']: t for t in json.load(open(schema_path, encoding='utf-8'))['tables']}
        result = run(binary, table + ['--base-url', server.url], env=env)
        check_rows('keys from DD_API_KEY and DD_APP_KEY', schema['k8s.pods'], result, 3, False)
        check_keys_hidden('keys from the environment', result)
    finally:
        server.close()


SCENARIOS = ['immediate', 'running', 'rate_limited', 'extra_keys', 'reordered', 'truncation', 'warnings',
             'error_400', 'error_403', 'error_500', 'rate_limited_long', 'missing_envelope', 'running_forever',
             'ragged', 'wrong_type', 'cancelled']


def main():
    binary, schema_path = sys.argv[1], sys.argv[2]
    tables = json.load(open(schema_path, encoding='utf-8'))['tables']
    jobs = [(table, scenario) for table in tables for scenario in SCENARIOS]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(scenario_checks, binary, schema_path, t, s) for t, s in jobs]
        futures.append(pool.submit(usage_checks, binary, schema_path))
        for future in futures:
            try:
                future.result()
            except Exception as error:  # a harness failure is a failed check, with its cause
                fail('harness', repr(error))
    for failure in failures:
        print('FAIL', failure)
    print(f'check_ddsql_rows: {len(jobs)} table scenarios and the usage checks, {len(failures)} failures '
          f'({len(tables)} tables: {", ".join(t["id"] for t in tables)})')
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
