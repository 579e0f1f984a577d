#!/usr/bin/env python3
"""A stand-in for the docs site's data directory, for `schemagen fetch` tests and benchmarks.

Serves, on loopback, the pages of a folder (`<table id>.md`, and `<table id>.html` from another folder
when given) where the real site has them, plus an HTML index laid out like the real one (namespace sets
`<div data-set-id=... class="set">` of cards linked with `a.stretched-link`, among navigation links and
scripts). The folder is read on every request, so a test edits, adds or removes pages "upstream" by
changing files. Supports ETag / If-None-Match and Last-Modified / If-Modified-Since (304), a fixed
latency per request, and scripted faults. Python 3 standard library only.

usage: docs_site.py --pages DIR [--html-pages DIR] [--latency S] [--no-etag] [--no-last-modified]
                    [--faults JSON] [--log FILE]
Prints `PORT <n>` on standard output once listening.

--faults is a JSON list of rules, each applied to the next `times` requests whose path contains `match`
("index" matches the index page):
  {"match": "aws.x", "times": 2, "status": 500}                    a plain error response
  {"match": "aws.x", "times": 1, "status": 429, "retry_after": "1"} with a Retry-After header
  {"match": "aws.x", "times": 1, "cut": true}                       half the body, then the connection closes
--log appends one JSON line per request: path, if_none_match, if_modified_since, user_agent, status,
start, end (seconds) and in_flight (requests being served when this one started, itself included).
"""
import argparse, email.utils, hashlib, html, json, os, re, socket, sys, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DIRECTORY = '/ddsql_reference/data_directory/'
SET_NAMES = {'aws': 'AWS', 'azure': 'Azure', 'gcp': 'GCP', 'oci': 'OCI', 'dd': 'Datadog', 'k8s': 'Kubernetes'}


class State:
    def __init__(self, args):
        self.pages = args.pages
        self.html_pages = args.html_pages
        self.latency = args.latency
        self.etag = not args.no_etag
        self.last_modified = not args.no_last_modified
        self.faults = json.loads(args.faults) if args.faults else []
        self.log = open(args.log, 'a', encoding='utf-8') if args.log else None
        self.lock = threading.Lock()
        self.in_flight = 0

    def fault_for(self, path):
        with self.lock:
            for rule in self.faults:
                hit = (path == DIRECTORY) if rule['match'] == 'index' else rule['match'] in path
                if hit and rule.get('times', 1) > 0:
                    rule['times'] = rule.get('times', 1) - 1
                    return dict(rule)
        return None

    def tables(self):
        """(id, title, mtime) of every page, sorted by id."""
        found = []
        for name in sorted(os.listdir(self.pages)):
            if not name.endswith('.md') or name.startswith('.'):
                continue
            path = os.path.join(self.pages, name)
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            match = re.search(r'^title:\s*(.+)$', text, re.M)
            found.append((name[:-3], match.group(1).strip() if match else name[:-3], os.stat(path).st_mtime))
        return found


def index_html(tables):
    """The index, laid out like the site's: chrome around one set per namespace, a card per table."""
    by_namespace = {}
    for table_id, title, _ in tables:
        by_namespace.setdefault(table_id.split('.', 1)[0], []).append((table_id, title))
    out = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Data Directory</title>',
           '<script>window.links = ["/ddsql_reference/data_directory/aws/aws.script_link.dataset/"];</script>',
           '</head><body><header><nav class="navbar">',
           '<a href="/" class="navbar-brand">Docs</a>',
           '<a href="/ddsql_reference/data_directory/aws/aws.nav_only.dataset/">Nav link, not a table</a>',
           '</nav></header><main><h1>Data Directory</h1>',
           # A card outside every namespace set: not part of the list.
           '<div class="card featured"><a href="/ddsql_reference/data_directory/aws/aws.featured_only.dataset/" '
           'class="stretched-link">Featured</a></div>']
    for namespace in sorted(by_namespace):
        out.append('<div data-set-id="%s" class="set js-set row">' % SET_NAMES.get(namespace, namespace.upper()))
        out.append('<h2 class="set-title">%s</h2>' % html.escape(SET_NAMES.get(namespace, namespace)))
        for table_id, title in by_namespace[namespace]:
            href = '%s%s/%s.dataset/' % (DIRECTORY, namespace, table_id)
            out.append('<div class="card col-4"><div class="card-body">'
                       '<a href="%s" class="stretched-link text-body">%s</a><p class="small">%s</p></div></div>'
                       % (html.escape(href), html.escape(title), html.escape(table_id)))
        out.append('</div>')
    out.append('<footer><a href="https://www.datadoghq.com/" class="stretched-link-ish">Datadog</a></footer>')
    out.append('</main></body></html>\n')
    return ''.join(out).encode('utf-8')


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'docs-site-test'
    # Headers and body go out in separate writes; with Nagle's algorithm the body would wait for the
    # client's delayed ACK (~40 ms), which no real site adds.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def do_GET(self):
        state = self.server.state
        with state.lock:
            state.in_flight += 1
            in_flight = state.in_flight
        start = time.time()
        status = 0
        try:
            if state.latency:
                time.sleep(state.latency)
            status = self.respond(state)
        finally:
            with state.lock:
                state.in_flight -= 1
            if state.log:
                entry = {'path': self.path, 'if_none_match': self.headers.get('If-None-Match'),
                         'if_modified_since': self.headers.get('If-Modified-Since'),
                         'user_agent': self.headers.get('User-Agent'), 'status': status,
                         'start': start, 'end': time.time(), 'in_flight': in_flight}
                with state.lock:
                    state.log.write(json.dumps(entry) + '\n')
                    state.log.flush()

    def respond(self, state):
        path = self.path.split('?', 1)[0]
        body, mtime = self.resource(state, path)
        if body is None:
            return self.send(404, b'not found\n')
        fault = state.fault_for(path)
        if fault and fault.get('cut'):
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain; charset=utf-8')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            return -200
        if fault:
            headers = {'Retry-After': fault['retry_after']} if 'retry_after' in fault else {}
            return self.send(fault['status'], b'scripted failure\n', headers)
        etag = '"%s"' % hashlib.sha1(body).hexdigest()[:20]
        last_modified = email.utils.formatdate(int(mtime), usegmt=True)
        headers = {}
        if state.etag:
            headers['ETag'] = etag
        if state.last_modified:
            headers['Last-Modified'] = last_modified
        inm = self.headers.get('If-None-Match')
        ims = self.headers.get('If-Modified-Since')
        if inm is not None and state.etag:
            if etag in [t.strip() for t in inm.split(',')] or inm.strip() == '*':
                return self.send(304, b'', headers)
        elif ims is not None and state.last_modified:
            since = email.utils.parsedate_to_datetime(ims).timestamp() if ims else 0
            if int(mtime) <= since:
                return self.send(304, b'', headers)
        content_type = 'text/markdown; charset=utf-8' if path.endswith('.md') else 'text/html; charset=utf-8'
        headers['Content-Type'] = content_type
        return self.send(200, body, headers)

    def resource(self, state, path):
        """The body and modification time at `path`, or (None, 0)."""
        if path == DIRECTORY:
            tables = state.tables()
            return index_html(tables), max([t[2] for t in tables] + [os.stat(state.pages).st_mtime])
        match = re.fullmatch(re.escape(DIRECTORY) + r'([a-z0-9_]+)/([A-Za-z0-9_.\-]+)\.dataset(\.md|/)', path)
        if not match or not match.group(2).startswith(match.group(1) + '.'):
            return None, 0
        table_id = match.group(2)
        if match.group(3) == '.md':
            file = os.path.join(state.pages, table_id + '.md')
        elif state.html_pages:
            file = os.path.join(state.html_pages, table_id + '.html')
        else:
            return None, 0
        try:
            with open(file, 'rb') as f:
                return f.read(), os.stat(file).st_mtime
        except OSError:
            return None, 0

    def send(self, status, body, headers=None):
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if status != 304:
            self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)
        return status


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--pages', required=True)
    parser.add_argument('--html-pages')
    parser.add_argument('--latency', type=float, default=0)
    parser.add_argument('--no-etag', action='store_true')
    parser.add_argument('--no-last-modified', action='store_true')
    parser.add_argument('--faults')
    parser.add_argument('--log')
    parser.add_argument('--port', type=int, default=0)
    args = parser.parse_args()
    server = Server(('127.0.0.1', args.port), Handler)
    server.state = State(args)
    print('PORT %d' % server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass


if __name__ == '__main__':
    main()
