#!/usr/bin/env python3
"""Render a DDSQL data-directory markdown page as the HTML page the docs site serves.

The HTML follows the site's page layout for these tables: an <h1 id="pagetitle">, a
div.ddsql-schema-single holding the summary, the table id in a highlighted code block, and an
<h2>Fields</h2> followed by a five-column table (Title, ID, Type, Data Type, Description) whose
cells are HTML-escaped text. It is wrapped in site chrome (navigation, scripts, footer) so that a
parser has to find the right table on a busy page.

usage: md2html.py [--style pretty|minified|sloppy] PAGE.md [OUT.html]
  pretty    indented, every end tag written
  minified  no whitespace between tags
  sloppy    optional end tags (</td>, </tr>, </p>, </li>) left out, entities for some characters,
            upper-case tag names in places: what an HTML parser must recover from

Copied, unchanged but for this paragraph, from tools/md2html.py of the project's design notes (not
part of a clone), so the benchmarks run from a clone; this copy is the one the project maintains.
scale_corpus.py imports it for --html; the HTML fixtures in Tests/SchemaGenKitTests/Fixtures/html were
rendered with it.
"""
import html, re, sys

def split_row(line):
    s = line.strip()
    if s.startswith('|'): s = s[1:]
    if s.endswith('|') and not s.endswith('\\|'): s = s[:-1]
    cells, cur, i = [], [], 0
    while i < len(s):
        if s[i] == '\\' and i + 1 < len(s) and s[i + 1] == '|':
            cur.append('|'); i += 2; continue
        if s[i] == '|':
            cells.append(''.join(cur).strip()); cur = []
        else:
            cur.append(s[i])
        i += 1
    cells.append(''.join(cur).strip())
    return cells

def parse_md(text):
    title = re.search(r'^title:\s*(.*)$', text, re.M).group(1).strip()
    body = text.split('\n---\n', 1)[1] if '\n---\n' in text else text
    tid = re.search(r'```[A-Za-z0-9]*\n([^\n`]+)\n```', body).group(1).strip()
    after_h1 = body.split('\n# ', 1)[1].split('\n', 1)[1]
    paras = [p.strip() for p in after_h1.split('\n\n') if p.strip()]
    summary = next((p for p in paras if not p.startswith(('>', '```', '#', '|'))), '')
    sections, current = {}, None
    for line in body.split('\n'):
        m = re.match(r'^##\s+(.*?)\s*$', line)
        if m:
            current = m.group(1); sections[current] = []; continue
        if current:
            sections[current].append(line)
    def table(lines):
        rows = [split_row(l) for l in lines if l.startswith('|')]
        return rows[2:]
    fields = []
    for cells in table(sections.get('Fields', [])):
        # shifted rows (3 or 4 cells) have no title: the site leaves that cell empty
        title_cell = cells[0] if len(cells) >= 5 else ''
        if len(cells) >= 5:
            cells = cells[1:]
        name, variant, dtype = cells[0], cells[1], cells[2]
        desc = cells[3] if len(cells) > 3 else ''
        fields.append((title_cell, name, variant, dtype, desc))
    params = [tuple(c.strip('`') for c in cells[:3]) + (cells[3] if len(cells) > 3 else '',)
              for cells in table(sections.get('Query Parameters', []))]
    examples = re.findall(r'```sql\n(.*?)```', '\n'.join(sections.get('Example Queries', [])), re.S)
    deprecated = 'no longer returns data' in text
    return title, tid, summary, fields, deprecated, params, examples

CHROME_HEAD = '''<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="/static/css/main.css">
<script>window.DD_RUM && window.DD_RUM.init({{ clientToken: 'x', site: 'datadoghq.com' }}); if (a < b && c > d) {{ }}</script>
</head>
<body class="ddsql_schema">
<header><nav class="navbar"><a class="navbar-brand" href="/">Docs</a>
<ul class="nav"><li><a href="/getting_started/">Getting Started</a></li><li><a href="/agent/">Agent</a></li><li><a href="/api/">API</a></li></ul>
<form class="search"><input type="text" name="q" placeholder="Search documentation..."></form></nav></header>
<div class="container"><aside class="sidenav"><ul><li><a href="/ddsql_reference/">DDSQL Reference</a><ul><li><a href="/ddsql_reference/data_directory/">Data Directory</a></li></ul></li></ul>
<table class="layout-helper"><tr><td>Not the fields table</td><td>string</td></tr></table></aside>
<main class="content">
'''
CHROME_TAIL = '''</main></div>
<footer><p>&copy; Datadog 2026</p><table><tr><th>Title</th><th>ID</th></tr><tr><td>footer</td><td>noise</td></tr></table></footer>
<script src="/static/js/bundle.js"></script>
</body>
</html>
'''

def render(md, style='pretty'):
    title, tid, summary, fields, deprecated, params, examples = parse_md(md)
    e = lambda s: html.escape(s, quote=True).replace('&#x27;', '&#39;')
    out = [CHROME_HEAD.format(title=e(title) + ' | Datadog')]
    out.append('<div class="row">\n<div class="col-12 order-1">\n<h1 id="pagetitle">%s</h1>\n</div>\n' % e(title))
    out.append('<div class="col-12"><ol class="breadcrumb"><li>Docs</li><li>DDSQL Reference</li><li>Data Directory</li><li>%s</li></ol></div>\n</div>\n' % e(title))
    out.append('<div class="ddsql-schema-single">\n')
    if deprecated:
        out.append('<div class="alert alert-warning">\n<strong>Deprecated</strong>: This table is deprecated and no longer returns data. Querying it returns empty results.\n</div>\n')
    out.append('<p>%s</p>\n' % e(summary))
    out.append('<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-" data-lang=""><span class="line"><span class="cl">%s\n</span></span></code></pre></div>\n' % e(tid))
    if params:
        out.append('<h2>Query Parameters</h2>\n<p>This dataset uses a <strong>polymorphic table function</strong>. You must specify parameters when querying.</p>\n')
        out.append('<table class="table-fixed">\n<thead>\n<tr>\n<th>Parameter</th>\n<th>Type</th>\n<th>Required</th>\n<th>Description</th>\n</tr>\n</thead>\n<tbody>\n')
        for name, ptype, required, desc in params:
            out.append('<tr>\n<td><code>%s</code></td>\n<td><code>%s</code></td>\n<td>%s</td>\n<td>%s</td>\n</tr>\n' % (e(name), e(ptype), e(required), e(desc)))
        out.append('</tbody>\n</table>\n')
        if examples:
            out.append('<h2>Example Queries</h2>\n')
            for q in examples:
                out.append('<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-sql" data-lang="sql">%s</code></pre></div>\n' % e(q))
    out.append('<h2>Fields</h2>\n<table class="table-fixed">\n<thead>\n<tr>\n<th>Title</th>\n<th>ID</th>\n<th>Type</th>\n<th>Data Type</th>\n<th>Description</th>\n</tr>\n</thead>\n<tbody>\n')
    for row in fields:
        if style == 'sloppy':
            out.append('<tr>' + ''.join('<td>%s' % e(c).replace('&#39;', '&apos;') for c in row) + '\n')
        else:
            out.append('<tr>\n' + ''.join('<td>%s</td>\n' % e(c) for c in row) + '</tr>\n')
    out.append('</tbody>\n\n</table>\n</div>\n')
    out.append(CHROME_TAIL)
    page = ''.join(out)
    if style == 'minified':
        page = re.sub(r'>\s+<', '><', page)
    elif style == 'sloppy':
        page = page.replace('<table class="table-fixed">', '<TABLE class=table-fixed>').replace('</table>\n</div>\n</main>', '</TABLE>\n</div>\n</main>')
        page = page.replace('</p>\n', '\n').replace('</li>', '')
    return page

if __name__ == '__main__':
    args = sys.argv[1:]
    style = 'pretty'
    if args[:1] == ['--style']:
        style, args = args[1], args[2:]
    page = render(open(args[0], encoding='utf-8').read(), style)
    if len(args) > 1:
        open(args[1], 'w', encoding='utf-8').write(page)
    else:
        sys.stdout.write(page)
