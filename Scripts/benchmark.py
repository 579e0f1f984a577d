#!/usr/bin/env python3
"""schemagen at the real site's scale, side by side with the Python peer and libxml2's parse floor.

usage: Scripts/benchmark.py [--runs N] [--pages N] [--shared ../shared]

Builds schemagen in release mode, makes a 2,200-page corpus with the design notes' scale_corpus.py
(markdown, and HTML in the pretty style), then times each command N times (median wall time, peak
resident memory of the slowest-memory run) and prints a table with the ratios to the peer and to
`xmllint --html --noout`. Needs: python3 with lxml, markdown-it-py and jinja2 for the peer
(pip install lxml markdown-it-py jinja2), and xmllint (Debian: libxml2-utils). Run by hand, not in CI.
"""
import argparse, os, platform, resource, shutil, statistics, subprocess, sys, tempfile, time

def run_once(cmd, cwd=None, stdout=subprocess.DEVNULL):
    # stderr goes to a file: a pipe read only after the child exits would fill up and block it.
    with tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=stdout, stderr=err_file)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        err_file.seek(0)
        err = err_file.read().decode(errors='replace')[-4000:]
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024.0, code, err

def measure(name, cmd, runs, setup=None, ok_codes=(0,)):
    walls, peaks = [], []
    for _ in range(runs):
        if setup: setup()
        wall, peak, code, err = run_once(cmd)
        if code not in ok_codes:
            sys.exit(f'{name}: exit {code}\n{err}')
        walls.append(wall); peaks.append(peak)
    return {'name': name, 'median': statistics.median(walls), 'min': min(walls), 'peak_mb': max(peaks)}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--pages', type=int, default=2200)
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared'))
    args = ap.parse_args()
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
    shared = os.path.abspath(args.shared)
    tools = os.path.join(shared, 'tools')
    subprocess.run(['swift', 'build', '-c', 'release', '--product', 'schemagen'], cwd=repo, check=True,
                   stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(['swift', 'build', '-c', 'release', '--show-bin-path'], cwd=repo, check=True,
                              capture_output=True, text=True).stdout.strip()
    schemagen = os.path.join(bin_path, 'schemagen')

    work = tempfile.mkdtemp(prefix='schemagen-bench-')
    pages = sorted([os.path.join(repo, 'docs-input', p) for p in os.listdir(os.path.join(repo, 'docs-input'))])
    md, html = os.path.join(work, 'md'), os.path.join(work, 'html')
    subprocess.run([sys.executable, os.path.join(tools, 'scale_corpus.py'), str(args.pages), md] + pages, check=True)
    subprocess.run([sys.executable, os.path.join(tools, 'scale_corpus.py'), str(args.pages), html, '--html', 'pretty'] + pages, check=True)
    html_files = sorted(os.path.join(html, f) for f in os.listdir(html))
    # The same corpus with 50 tables changed (a column's type), for diff.
    changed = os.path.join(work, 'md-changed')
    shutil.copytree(md, changed)
    for name in sorted(os.listdir(changed))[:50]:
        path = os.path.join(changed, name)
        text = open(path, encoding='utf-8').read()
        text = text.replace('| core | string |', '| core | int64 |', 1)
        open(path, 'w', encoding='utf-8').write(text)
    out = os.path.join(work, 'out')
    fresh = lambda: shutil.rmtree(out, ignore_errors=True)
    peer = os.path.join(tools, 'peer_pipeline.py')

    results = []
    results.append(measure('schemagen markdown → 4 targets', [schemagen, md, '--out', out, '--quiet'], args.runs, fresh))
    results.append(measure('schemagen HTML → 4 targets', [schemagen, html, '--out', out, '--quiet'], args.runs, fresh))
    results.append(measure('peer markdown', [sys.executable, peer, md, out], args.runs, fresh))
    results.append(measure('peer HTML', [sys.executable, peer, html, out], args.runs, fresh))
    results.append(measure('xmllint --html --noout (floor)', ['xmllint', '--html', '--noout', '--nowarning'] + html_files,
                           args.runs, ok_codes=(0, 1)))
    fresh(); subprocess.run([schemagen, md, '--out', out, '--quiet'], check=True)
    results.append(measure('schemagen no-op regeneration', [schemagen, md, '--out', out, '--quiet'], args.runs))
    one = os.path.join(md, sorted(os.listdir(md))[0])
    original = open(one, encoding='utf-8').read()
    edited = original.replace('| core | string |', '| core | string | edited', 1)  # one description changes
    toggle = [False]
    def edit_one():
        toggle[0] = not toggle[0]
        open(one, 'w', encoding='utf-8').write(edited if toggle[0] else original)
    results.append(measure('schemagen one page edited', [schemagen, md, '--out', out, '--quiet'], args.runs, edit_one))
    open(one, 'w', encoding='utf-8').write(original)
    subprocess.run([schemagen, md, '--out', out, '--quiet'], check=True)
    results.append(measure('schemagen diff (50 tables changed)', [schemagen, 'diff', md, changed, '--fail-on', 'never'], args.runs))
    results.append(measure('schemagen check', [schemagen, 'check', md, '--out', out], args.runs))

    by = {r['name']: r for r in results}
    floor = by['xmllint --html --noout (floor)']['median']
    print(f'\nschemagen benchmark, {args.pages} pages, median of {args.runs} runs, '
          f'{time.strftime("%Y-%m-%d")}, {platform.machine()}, {os.cpu_count()} cores')
    print(f'{"command":40} {"median s":>9} {"min s":>8} {"peak MB":>8}  ratio')
    for r in results:
        ratio = ''
        if r['name'] == 'schemagen markdown → 4 targets':
            ratio = f'peer is {by["peer markdown"]["median"] / r["median"]:.1f}x slower'
        elif r['name'] == 'schemagen HTML → 4 targets':
            ratio = f'peer is {by["peer HTML"]["median"] / r["median"]:.1f}x slower; {r["median"] / floor:.2f}x xmllint'
        print(f'{r["name"]:40} {r["median"]:9.3f} {r["min"]:8.3f} {r["peak_mb"]:8.1f}  {ratio}')
    shutil.rmtree(work, ignore_errors=True)

if __name__ == '__main__':
    main()
