#!/usr/bin/env python3
"""How long the generated Swift takes to compile: the wait users pay after schemagen itself.

usage: Scripts/swift-compile-benchmark.py [--pages N] [--layouts type,service] [--runs N] [--templates DIR]
                                        [--mutable] [--client] [--schemagen PATH] [--shared ../shared]

Builds schemagen in release mode, makes an N-page corpus (2,200 by default, the real data directory's
size) with the design notes' scale_corpus.py, and for each Swift file layout (`--swift-file-names`):
generates the Swift into a package of one library target and times, with `swift build` in debug:
a clean build of the whole catalog; a rebuild after one page is edited and regenerated; and a clean
build of one table alone (`--table`). Prints wall time, CPU time (user + system, all processes) and
the peak memory of the largest compiler process. `--templates`, `--mutable` and `--client` measure your own
template overrides, `swift.mutable: true` or `swift.client: true` (for which the DDSQLClient library is
compiled once beforehand, in debug, and linked: the figures are the generated code's alone). `--schemagen`
uses a schemagen already built. Clean builds take minutes; run by hand, not in CI.
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


# With --client: the generated code imports DDSQLClient, built beforehand into this folder.
CLIENT_PACKAGE = """// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Catalog",
    targets: [.target(
        name: "Catalog", path: "Generated/swift",
        swiftSettings: [.unsafeFlags(["-I", "{client}"])],
        linkerSettings: [.unsafeFlags(["-L", "{client}", "-lDDSQLClient"])])]
)
"""


def build_client_library(repo, folder):
    """DDSQLClient as a debug static library and module, as SwiftPM would build the dependency."""
    sources = os.path.join(repo, 'Sources', 'DDSQLClient')
    files = sorted(os.path.join(sources, f) for f in os.listdir(sources) if f.endswith('.swift'))
    os.makedirs(folder)
    subprocess.run(['swiftc', '-swift-version', '6', '-Onone', '-parse-as-library', '-emit-module', '-emit-library',
                    '-static', '-module-name', 'DDSQLClient', '-emit-module-path',
                    os.path.join(folder, 'DDSQLClient.swiftmodule'), '-o', os.path.join(folder, 'libDDSQLClient.a')]
                   + files, check=True, cwd=folder)


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
    ap.add_argument('--client', action='store_true', help='the DDSQLClient conformance (swift.client: true)')
    ap.add_argument('--schemagen', help='a schemagen binary to generate with, instead of building one in release mode')
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(__file__), '..', '..', 'shared'))
    args = ap.parse_args()
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), '..'))
    if args.templates:
        OPTIONS.extend(['--templates', os.path.abspath(args.templates)])
    work = tempfile.mkdtemp(prefix='schemagen-compile-bench-')
    package_text = PACKAGE
    if args.mutable or args.client:
        config = os.path.join(work, 'schemagen.yml')
        with open(config, 'w') as f:
            f.write('swift:\n' + ('  mutable: true\n' if args.mutable else '')
                    + ('  client: true\n' if args.client else ''))
        OPTIONS.extend(['--config', config])
    if args.client:
        client = os.path.join(work, 'client')
        build_client_library(repo, client)
        package_text = CLIENT_PACKAGE.replace('{client}', client)
    scale = os.path.join(os.path.abspath(args.shared), 'tools', 'scale_corpus.py')
    if args.schemagen:
        schemagen = os.path.abspath(args.schemagen)
    else:
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
            os.makedirs(package)
            with open(os.path.join(package, 'Package.swift'), 'w') as f:
                f.write(package_text)
            files = generate(schemagen, pages, package, layout)
            cleans = []
            for _ in range(args.runs):
                shutil.rmtree(os.path.join(package, '.build'), ignore_errors=True)
                cleans.append(timed_build(package, f'{layout} clean'))
            wall = statistics.median(c[0] for c in cleans)
            add((f'{args.pages} tables, clean ({layout}: {files} files)', wall,
                         statistics.median(c[1] for c in cleans), max(c[2] for c in cleans)))
            timed_build(package, f'{layout} no-op')  # SwiftPM's own first no-op run settles its state
            add(edit_and_rebuild(schemagen, pages, package, layout, edited))
            shutil.rmtree(os.path.join(package, '.build'), ignore_errors=True)

        single = os.path.join(work, 'pkg-one')
        os.makedirs(single)
        with open(os.path.join(single, 'Package.swift'), 'w') as f:
            f.write(package_text)
        dump = subprocess.run([schemagen, 'dump', edited], check=True, capture_output=True, text=True).stdout
        table_id = json.loads(dump)['tables'][0]['id']
        generate(schemagen, pages, single, 'type', ['--table', table_id])
        add((f'1 table ({table_id}), clean',) + timed_build(single, 'one table'))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f'\nGenerated Swift, debug build, {platform.machine()}, {os.cpu_count()} cores, '
          f'{time.strftime("%Y-%m-%d")}, {swift_version()}'
          + (', templates: ' + args.templates if args.templates else '') + (', mutable' if args.mutable else '')
          + (', client' if args.client else ''))
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
