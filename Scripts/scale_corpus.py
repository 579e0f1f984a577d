#!/usr/bin/env python3
"""Make a data directory of N pages at the real site's scale (about 2,200 tables) from real pages.

Cycles through the given real pages, giving each copy a distinct table id (`aws.ec2_instance` -> `aws.ec2_instance_r7`).
usage: scale_corpus.py N OUT_DIR [--html pretty|minified|sloppy] PAGE.md...
  e.g. Scripts/scale_corpus.py 2200 /tmp/pages docs-input/*.md

Copied, unchanged but for the example above and this paragraph, from tools/scale_corpus.py of the
project's design notes (not part of a clone), so the benchmarks run from a clone; this copy is the one
the project maintains.
Imports md2html.py from its own folder for --html.
"""
import os, re, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import md2html

def main():
    args = sys.argv[1:]
    n, out = int(args[0]), args[1]; args = args[2:]
    style = None
    if args[:1] == ['--html']:
        style, args = args[1], args[2:]
    pages = [open(p, encoding='utf-8').read() for p in sorted(args)]
    os.makedirs(out, exist_ok=True)
    for k in range(n):
        text = pages[k % len(pages)]
        tid = re.search(r'```[a-z0-9]*\n([^\n`]+)\n```', text).group(1).strip()
        new = '%s_r%d' % (tid, k) if k >= len(pages) else tid
        text = text.replace('```\n%s\n```' % tid, '```\n%s\n```' % new)
        text = re.sub(r'```([a-z0-9]+)\n%s\n```' % re.escape(tid), lambda m: '```%s\n%s\n```' % (m.group(1), new), text)
        if style:
            open(os.path.join(out, new + '.html'), 'w', encoding='utf-8').write(md2html.render(text, style))
        else:
            open(os.path.join(out, new + '.md'), 'w', encoding='utf-8').write(text)

if __name__ == '__main__':
    main()
