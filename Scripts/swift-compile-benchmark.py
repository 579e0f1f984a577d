#!/usr/bin/env python3
"""How long the generated Swift takes to compile: the wait users pay after schemagen itself.

usage: Scripts/swift-compile-benchmark.py [--pages N] [--layouts type,service] [--runs N] [--templates DIR]
                                        [--mutable] [--client]

Builds schemagen in release mode, makes an N-page corpus (2,200 by default, the real data directory's
size) from docs-input/ with Scripts/scale_corpus.py, and for each Swift file layout (`--swift-file-names`):
generates the Swift into a package of one library target and times, with `swift build` in debug:
a clean build of the whole catalog; a rebuild after one page is edited and regenerated; and a clean
build of one table alone (`--table`). Prints wall time, CPU time (user + system, all processes) and
the peak memory of the largest compiler process. `--templates` and `--mutable` measure your own template
overrides or `swift.mutable: true`; `--client` the DDSQLClient code too (`--swift-client`), the package then
holding a DDSQLClient target made from this clone's sources, built once before the timed builds (only the
catalog's own target is removed between clean builds). Clean builds take minutes; run by hand, not in CI.
"""
import argparse, json, os, platform, shutil, statistics, subprocess, sys, tempfile, time

from benchmark import run_once

PACKAGE = """// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Catalog",
    targets: [.target(name: "Catalog", path: "Generated/swift")]
)
"""


CLIENT_PACKAGE = """// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Catalog",
    targets: [
        .target(name: "DDSQLClient", path: "DDSQLClient"),
        .target(name: "Catalog", dependencies: ["DDSQLClient"], path: "Generated/swift"),
    ]
)
"""

CLIENT = False  # --client


def make_package(package, repo):
    """A package of one library target for the generated Swift, with a DDSQLClient target for `--client`."""
    os.makedirs(package)
    with open(os.path.join(package, 'Package.swift'), 'w') as f:
        f.write(CLIENT_PACKAGE if CLIENT else PACKAGE)
    if CLIENT:
        os.symlink(os.path.join(repo, 'Sources', 'DDSQLClient'), os.path.join(package, 'DDSQLClient'))


def clean(package):
    """Removes what a build made of the catalog: everything, or with `--client`, all but DDSQLClient's, which
    is then built (untimed) if missing, so the timed build compiles the catalog alone."""
    build = os.path.join(package, '.build')
    if not CLIENT:
        shutil.rmtree(build, ignore_errors=True)
        return
    for root, dirs, files in os.walk(build):
        for name in dirs + files:
            if name.startswith('Catalog'):
                path = os.path.join(root, name)
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                elif os.path.lexists(path):
                    os.remove(path)
    subprocess.run(['swift', 'build', '--target', 'DDSQLClient'], cwd=package, check=True, stdout=subprocess.DEVNULL)


def timed_build(package, name):
    """`swift build` in `package`: wall seconds, CPU seconds, peak MB of the largest process."""
    start_cpu = os.times()
    wall, peak, code, out, err = run_once(['swift', 'build'], cwd=package)
    end_cpu = os.times()
    if code != 0:
        sys.exit(f'{name}: swift build failed (exit {code})\n{out}\n{err}')
    cpu = (end_cpu.children_user - start_cpu.children_user) + (end_cpu.children_system - start_cpu.children_system)
    return wall, cpu, peak


OPTIONS = []  # --templates / --mutable, given to every generation


def generate(schemagen, pages, package, layout, extra=()):
    """Generates into the package's target folder; unchanged files keep their dates, as for a user."""
    out = os.path.join(package, 'Generated')
    subprocess.run([schemagen, pages, '--out', out, '--targets', 'swift', '--swift-file-names', layout, '--quiet',
                    '--no-cache', *OPTIONS, *extra], check=True)
    return len(os.listdir(os.path.join(out, 'swift')))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--pages', type=int, default=2200)
    ap.add_argument('--layouts', default='type,service')
    ap.add_argument('--runs', type=int, default=1, help='clean builds per layout (median reported)')
    ap.add_argument('--templates', help='a folder of .mustache overrides, as `schemagen --templates`')
    ap.add_argument('--mutable', action='store_true', help='`var` properties (swift.mutable: true)')
    ap.add_argument('--client', action='store_true', help='the DDSQLClient code too (--swift-client)')
    args = ap.parse_args()
    global CLIENT
    CLIENT = args.client
    if args.client:
        OPTIONS.append('--swift-client')
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
    if args.templates:
        OPTIONS.extend(['--templates', os.path.abspath(args.templates)])
    work = tempfile.mkdtemp(prefix='schemagen-compile-bench-')
    if args.mutable:
        config = os.path.join(work, 'schemagen.yml')
        with open(config, 'w') as f:
            f.write('swift:\n  mutable: true\n')
        OPTIONS.extend(['--config', config])
    scale = os.path.join(repo, 'Scripts', 'scale_corpus.py')
    subprocess.run(['swift', 'build', '-c', 'release', '--product', 'schemagen'], cwd=repo, check=True,
                   stdout=subprocess.DEVNULL)
    bin_path = subprocess.run(['swift', 'build', '-c', 'release', '--show-bin-path'], cwd=repo, check=True,
                              capture_output=True, text=True).stdout.strip()
    schemagen = os.path.join(bin_path, 'schemagen')

    seeds = sorted(os.path.join(repo, 'docs-input', p) for p in os.listdir(os.path.join(repo, 'docs-input')))
    pages = os.path.join(work, 'md')
    subprocess.run([sys.executable, scale, str(args.pages), pages] + seeds, check=True, stdout=subprocess.DEVNULL)
    page_names = sorted(os.listdir(pages))
    edited = os.path.join(pages, page_names[len(page_names) // 2])

    rows = []

    def add(row):
        rows.append(row)
        print(f'{row[0]:58} {row[1]:8.1f} {row[2]:8.1f} {row[3]:8.0f}', flush=True)

    try:
        for layout in args.layouts.split(','):
            package = os.path.join(work, 'pkg-' + layout)
            make_package(package, repo)
            files = generate(schemagen, pages, package, layout)
            cleans = []
            for _ in range(args.runs):
                clean(package)
                cleans.append(timed_build(package, f'{layout} clean'))
            wall = statistics.median(c[0] for c in cleans)
            add((f'{args.pages} tables, clean ({layout}: {files} files)', wall,
                         statistics.median(c[1] for c in cleans), max(c[2] for c in cleans)))
            timed_build(package, f'{layout} no-op')  # SwiftPM's own first no-op run settles its state
            add(edit_and_rebuild(schemagen, pages, package, layout, edited))
            shutil.rmtree(os.path.join(package, '.build'), ignore_errors=True)

        single = os.path.join(work, 'pkg-one')
        make_package(single, repo)
        dump = subprocess.run([schemagen, 'dump', edited], check=True, capture_output=True, text=True).stdout
        table_id = json.loads(dump)['tables'][0]['id']
        generate(schemagen, pages, single, 'type', ['--table', table_id])
        clean(single)
        add((f'1 table ({table_id}), clean',) + timed_build(single, 'one table'))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f'\nGenerated Swift, debug build, {platform.machine()}, {os.cpu_count()} cores, '
          f'{time.strftime("%Y-%m-%d")}, {swift_version()}'
          + (', templates: ' + args.templates if args.templates else '') + (', mutable' if args.mutable else '') + (', client' if args.client else ''))
    print(f'{"build":58} {"wall s":>8} {"CPU s":>8} {"peak MB":>8}')
    for name, wall, cpu, peak in rows:
        print(f'{name:58} {wall:8.1f} {cpu:8.1f} {peak:8.0f}')


def edit_and_rebuild(schemagen, pages, package, layout, page):
    """Edits the summary of `page` (its type's doc comment), regenerates, and times the incremental build."""
    original = open(page, encoding='utf-8').read()
    lines = original.split('\n')
    fences = [i for i, line in enumerate(lines) if line.strip() == '---']
    body = fences[1] + 1 if len(fences) >= 2 else 0  # after the front matter
    heading = next(i for i in range(body, len(lines)) if lines[i].startswith('# '))
    summary = next(i for i in range(heading + 1, len(lines)) if lines[i].strip())
    lines[summary] += ' Edited.'
    with open(page, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))
    try:
        generate(schemagen, pages, package, layout)
        wall, cpu, peak = timed_build(package, f'{layout} one page edited')
    finally:
        with open(page, 'w', encoding='utf-8') as f:
            f.write(original)
    return (f'  one page edited, rebuilt ({layout})', wall, cpu, peak)


def swift_version():
    text = subprocess.run(['swift', '--version'], capture_output=True, text=True).stdout
    return text.split('\n', 1)[0].replace('Swift version ', 'Swift ').split(' (')[0]


if __name__ == '__main__':
    main()
