#!/usr/bin/env python3
"""schemagen at the real site's scale, side by side with the Python peer and libxml2's parse floor.

usage: Scripts/benchmark.py [--runs N] [--pages N]

Builds schemagen in release mode, makes a 2,200-page corpus from docs-input/ with Scripts/scale_corpus.py
(markdown, and HTML in each of the pretty, minified and sloppy styles), then times each command N
times (median wall time, peak resident memory of the largest run) and prints a table with the ratios
to the peer (Scripts/peer_pipeline.py) and to `xmllint --html --noout`, and what the incremental runs
reported. Needs: python3 with lxml, markdown-it-py and jinja2 for the peer (pip install lxml
markdown-it-py jinja2), and xmllint (Debian: libxml2-utils). Run by hand, not in CI.
"""
import argparse, os, re, platform, resource, shutil, statistics, subprocess, sys, tempfile, time

def run_once(cmd, cwd=None):
    # Output goes to files: a pipe read only after the child exits would fill up and block it.
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out_file, stderr=err_file)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out = out_file.read().decode(errors='replace')[-4000:]
        err = err_file.read().decode(errors='replace')[-4000:]
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024.0, code, out, err

def measure(name, cmd, runs, setup=None, ok_codes=(0,), command_for=None, expect=None):
    """Median wall time of `runs` runs; `expect` is a word schemagen's summary line must contain."""
    walls, peaks, said = [], [], ''
    for _ in range(runs):
        if setup: setup()
        wall, peak, code, out, err = run_once(command_for() if command_for else cmd)
        if code not in ok_codes:
            sys.exit(f'{name}: exit {code}\n{err}')
        if expect is not None and expect not in out:
            sys.exit(f'{name}: expected "{expect}" in the output, got: {out}')
        walls.append(wall); peaks.append(peak)
        said = out.strip().splitlines()[-1].split(': ', 1)[-1] if expect and out.strip() else ''
    return {'name': name, 'median': statistics.median(walls), 'min': min(walls), 'peak_mb': max(peaks), 'said': said}

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--pages', type=int, default=2200)
    args = ap.parse_args()
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
    tools = os.path.join(repo, 'Scripts')  # scale_corpus.py, md2html.py and peer_pipeline.py
    subprocess.run(['swift', 'build', '-c', 'release', '--product', 'schemagen'], cwd=repo, check=True,
                   stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(['swift', 'build', '-c', 'release', '--show-bin-path'], cwd=repo, check=True,
                              capture_output=True, text=True).stdout.strip()
    schemagen = os.path.join(bin_path, 'schemagen')

    work = tempfile.mkdtemp(prefix='schemagen-bench-')
    pages = sorted([os.path.join(repo, 'docs-input', p) for p in os.listdir(os.path.join(repo, 'docs-input'))])
    scale = os.path.join(tools, 'scale_corpus.py')
    md = os.path.join(work, 'md')
    subprocess.run([sys.executable, scale, str(args.pages), md] + pages, check=True, stdout=subprocess.DEVNULL)
    html = {}
    for style in ('pretty', 'minified', 'sloppy'):
        html[style] = os.path.join(work, 'html-' + style)
        subprocess.run([sys.executable, scale, str(args.pages), html[style], '--html', style] + pages, check=True,
                       stdout=subprocess.DEVNULL)
    # The same corpus with 50 tables changed (a column's type), for diff.
    changed = os.path.join(work, 'md-changed')
    shutil.copytree(md, changed)
    for name in sorted(os.listdir(changed))[:50]:
        path = os.path.join(changed, name)
        text = open(path, encoding='utf-8').read()
        new_text = re.sub(r'(\|\s*core\s*\|\s*)(string|int64)\b',
                          lambda m: m.group(1) + ('string' if m.group(2) == 'int64' else 'int64'), text, count=1)
        assert new_text != text, path
        open(path, 'w', encoding='utf-8').write(new_text)

    # Every cold run writes into a folder of its own, all removed at the end. Deleting the last run's
    # 4,400 files just before creating 4,400 new ones costs far more than the writing itself on some
    # file systems (ext4 without a journal skips recently deleted inodes one by one on every create),
    # for the peer as much as for schemagen; a user's first generation writes into a new folder.
    outputs = os.path.join(work, 'outputs')
    os.makedirs(outputs)
    counter = [0]
    def fresh_out():
        counter[0] += 1
        return os.path.join(outputs, str(counter[0]))
    # schemagen's cache goes to a folder of this run's, not the user's.
    os.environ['SCHEMAGEN_CACHE_DIR'] = os.path.join(work, 'cache')
    peer = os.path.join(tools, 'peer_pipeline.py')

    results = []
    def cold(name, cmd_for):
        results.append(measure(name, None, args.runs, command_for=lambda: cmd_for(fresh_out())))
    cold('schemagen markdown → 4 targets', lambda out: [schemagen, md, '--out', out, '--quiet'])
    cold('peer markdown', lambda out: [sys.executable, peer, md, out])
    for style, folder in html.items():
        cold(f'schemagen HTML {style} → 4 targets', lambda out, f=folder: [schemagen, f, '--out', out, '--quiet'])
        cold(f'peer HTML {style}', lambda out, f=folder: [sys.executable, peer, f, out])
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder))
        results.append(measure(f'xmllint HTML {style} (floor)', ['xmllint', '--html', '--noout', '--nowarning'] + files,
                               args.runs, ok_codes=(0, 1)))

    out = fresh_out()
    subprocess.run([schemagen, md, '--out', out, '--quiet'], check=True)
    results.append(measure('schemagen no-op regeneration', [schemagen, md, '--out', out], args.runs,
                           expect='unchanged'))
    results.append(measure('schemagen no-op, --no-cache', [schemagen, md, '--out', out, '--no-cache'], args.runs,
                           expect='unchanged'))
    one = os.path.join(md, sorted(os.listdir(md))[0])
    original = open(one, encoding='utf-8').read()
    edited = re.sub(r'(\|\s*core\s*\|[^\n]*)', r'\1 edited', original, count=1)  # one row's last cell changes
    assert edited != original
    toggle = [False]
    def edit_one():
        toggle[0] = not toggle[0]
        open(one, 'w', encoding='utf-8').write(edited if toggle[0] else original)
    results.append(measure('schemagen one page edited', [schemagen, md, '--out', out], args.runs, edit_one,
                           expect='changed'))
    open(one, 'w', encoding='utf-8').write(original)
    subprocess.run([schemagen, md, '--out', out, '--quiet'], check=True)
    results.append(measure('schemagen diff (50 tables changed)', [schemagen, 'diff', md, changed, '--fail-on', 'never'],
                           args.runs))
    results.append(measure('schemagen check', [schemagen, 'check', md, '--out', out], args.runs))
    results.append(measure('schemagen check, --no-cache', [schemagen, 'check', md, '--out', out, '--no-cache'],
                           args.runs))

    by = {r['name']: r for r in results}
    print(f'\nschemagen benchmark, {args.pages} pages, median of {args.runs} runs, '
          f'{time.strftime("%Y-%m-%d")}, {platform.machine()}, {os.cpu_count()} cores')
    print(f'{"command":40} {"median s":>9} {"min s":>8} {"peak MB":>8}  ratio / output')
    for r in results:
        ratio = ''
        if r['name'] == 'schemagen markdown → 4 targets':
            ratio = f'peer is {by["peer markdown"]["median"] / r["median"]:.1f}x slower'
        elif r['name'].startswith('schemagen HTML '):
            style = r['name'].split()[2]
            floor = by[f'xmllint HTML {style} (floor)']['median']
            ratio = (f'peer is {by[f"peer HTML {style}"]["median"] / r["median"]:.1f}x slower; '
                     f'{r["median"] / floor:.2f}x xmllint')
        elif r.get('said'):
            ratio = r['said']
        print(f'{r["name"]:40} {r["median"]:9.3f} {r["min"]:8.3f} {r["peak_mb"]:8.1f}  {ratio}')
    shutil.rmtree(work, ignore_errors=True)

if __name__ == '__main__':
    main()
