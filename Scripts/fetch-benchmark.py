#!/usr/bin/env python3
"""`schemagen fetch` at the real site's scale against a slow local server.

usage: Scripts/fetch-benchmark.py [--pages 2200] [--latency 0.05] [--concurrency 8] [--skip-build]

Builds schemagen in release mode, makes N distinct pages from docs-input (each copy gets its own table id,
as the design notes' scale_corpus does), serves them with Tests/Servers/docs_site.py adding `--latency`
seconds to every response, then times a first fetch into an empty folder and an unchanged rerun. The bound
a concurrency of C allows is N * latency / C (2,200 * 0.05 / 8 = 13.75 s). Targets: the first fetch
within 1.5x the bound; the rerun under 2x the bound, with only conditional requests and zero writes (no
file's bytes, inode or modification time changes). Prints the figures; exits 1 when a target is missed.
Run by hand, not in CI.
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def scale_pages(n, out):
    """N pages cycling through docs-input's, each with a distinct table id (`aws.x` -> `aws.x_r37`)."""
    source = os.path.join(ROOT, 'docs-input')
    pages = [open(os.path.join(source, p), encoding='utf-8').read()
             for p in sorted(os.listdir(source)) if p.endswith('.md')]
    os.makedirs(out, exist_ok=True)
    for k in range(n):
        text = pages[k % len(pages)]
        tid = re.search(r'```[a-z0-9]*\n([^\n`]+)\n```', text).group(1).strip()
        new = '%s_r%d' % (tid, k) if k >= len(pages) else tid
        text = text.replace('```\n%s\n```' % tid, '```\n%s\n```' % new)
        text = re.sub(r'```([a-z0-9]+)\n%s\n```' % re.escape(tid), lambda m: '```%s\n%s\n```' % (m.group(1), new), text)
        with open(os.path.join(out, new + '.md'), 'w', encoding='utf-8') as f:
            f.write(text)


def folder_state(folder):
    """(bytes, inode, mtime_ns) of every entry, and the folder's own mtime."""
    state = {'.': os.stat(folder).st_mtime_ns}
    for name in os.listdir(folder):
        path = os.path.join(folder, name)
        st = os.lstat(path)
        with open(path, 'rb') as f:
            state[name] = (f.read(), st.st_ino, st.st_mtime_ns)
    return state


def timed(cmd, env):
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return time.perf_counter() - start, proc


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--pages', type=int, default=2200)
    parser.add_argument('--latency', type=float, default=0.05)
    parser.add_argument('--concurrency', type=int, default=8)
    parser.add_argument('--skip-build', action='store_true')
    args = parser.parse_args()

    if not args.skip_build:
        subprocess.run(['swift', 'build', '-c', 'release', '--product', 'schemagen'], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    binary = subprocess.run(['swift', 'build', '-c', 'release', '--show-bin-path'], cwd=ROOT, check=True,
                            stdout=subprocess.PIPE, text=True).stdout.strip() + '/schemagen'
    work = tempfile.mkdtemp(prefix='schemagen-fetch-bench-')
    server = None
    try:
        upstream = os.path.join(work, 'upstream')
        scale_pages(args.pages, upstream)
        log = os.path.join(work, 'requests.log')
        server = subprocess.Popen(
            [sys.executable, os.path.join(ROOT, 'Tests/Servers/docs_site.py'), '--pages', upstream,
             '--latency', str(args.latency), '--log', log], stdout=subprocess.PIPE, text=True)
        port = int(server.stdout.readline().split()[1])
        env = dict(os.environ, SCHEMAGEN_CACHE_DIR=os.path.join(work, 'cache'))
        folder = os.path.join(work, 'docs')
        cmd = [binary, 'fetch', folder, '--base-url', 'http://127.0.0.1:%d' % port,
               '--concurrency', str(args.concurrency)]
        bound = args.pages * args.latency / args.concurrency

        first_time, first = timed(cmd, env)
        if first.returncode != 0:
            sys.exit('first fetch failed:\n' + first.stderr[-2000:])
        fetched = len([n for n in os.listdir(folder) if n.endswith('.md')])
        before = folder_state(folder)
        open(log, 'w').close()
        rerun_time, rerun = timed(cmd, env)
        if rerun.returncode != 0:
            sys.exit('rerun failed:\n' + rerun.stderr[-2000:])
        after = folder_state(folder)
        requests = [json.loads(line) for line in open(log)]
        conditional = sum(1 for r in requests if r['if_none_match'] or r['if_modified_since'])
        not_modified = sum(1 for r in requests if r['status'] == 304)
        changed = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        max_in_flight = max(r['in_flight'] for r in requests)

        print('command: %s fetch DIR --base-url http://127.0.0.1:PORT --concurrency %d' % (binary, args.concurrency))
        print('pages: %d, latency %.3f s each, concurrency %d: bound %.2f s' % (args.pages, args.latency,
                                                                                args.concurrency, bound))
        print('first fetch: %.2f s (%.2fx the bound; target 1.5x), %d pages, said: %s'
              % (first_time, first_time / bound, fetched, first.stdout.strip()))
        print('unchanged rerun: %.2f s (%.2fx the bound; target under 2x), %d requests, %d conditional, %d '
              'not modified, %d entries changed, max %d in flight, said: %s'
              % (rerun_time, rerun_time / bound, len(requests), conditional, not_modified, len(changed),
                 max_in_flight, rerun.stdout.strip()))
        ok = (fetched == args.pages and first_time <= 1.5 * bound and rerun_time < 2 * bound and not changed
              and conditional == len(requests) and max_in_flight <= args.concurrency)
        print('targets met' if ok else 'TARGET MISSED')
        sys.exit(0 if ok else 1)
    finally:
        if server:
            server.kill()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
