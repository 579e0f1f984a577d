#!/usr/bin/env python3
"""The peer a user would reach for instead of schemagen: a Python script on well-known libraries.

lxml (libxml2) reads the HTML pages, markdown-it-py (CommonMark + GFM tables; mistune rejects these pages'
short rows) reads the markdown pages,
Jinja2 renders Swift structs, PostgreSQL DDL and JSON Schema. Same job as `schemagen DIR --out OUT`.
usage: peer_pipeline.py INPUT_DIR OUT_DIR   (needs: pip install lxml markdown-it-py jinja2)

Copied, unchanged but for this paragraph, from tools/peer_pipeline.py of the project's design notes (not
part of a clone), so the benchmarks run from a clone; this copy is the one the project maintains.
Scripts/benchmark.py times it beside schemagen.
"""
import json, os, re, sys
import jinja2
from markdown_it import MarkdownIt
from lxml import html as lhtml

SWIFT = {'string': 'String', 'int64': 'Int64', 'float64': 'Double', 'bool': 'Bool', 'timestamp': 'Date',
         'json': 'JSONValue', 'hstore': '[String: String]', 'hstore_csv': '[String]'}
PG = {'string': 'text', 'int64': 'bigint', 'float64': 'double precision', 'bool': 'boolean', 'timestamp': 'timestamp',
      'json': 'jsonb', 'hstore': 'hstore', 'hstore_csv': 'text[]'}
JS = {'string': {'type': 'string'}, 'int64': {'type': 'integer'}, 'float64': {'type': 'number'}, 'bool': {'type': 'boolean'},
      'timestamp': {'type': 'string', 'format': 'date-time'}, 'json': {}, 'hstore': {'type': 'object', 'additionalProperties': {'type': 'string'}},
      'hstore_csv': {'type': 'array', 'items': {'type': 'string'}}}

env = jinja2.Environment(autoescape=False, keep_trailing_newline=True)
def camel(n):
    parts = [p for p in n.split('_') if p]
    return (parts[0] + ''.join(p[:1].upper() + p[1:] for p in parts[1:])) if parts else n
def typename(tid):
    return ''.join(p[:1].upper() + p[1:] for p in re.split(r'[._]', tid) if p)
env.filters.update(camel=camel, swift=lambda t: SWIFT.get(t, 'JSONValue'), pg=lambda t: PG.get(t, 'text'),
                   typename=typename, sq=lambda s: s.replace("'", "''"), doc=lambda s: ' '.join(s.split()))
SWIFT_T = env.from_string('''// Generated from {{ t.id }}. Do not edit.
import Foundation

/// {{ t.title }}
public struct {{ t.id|typename }}: Codable, Hashable, Sendable {
{% for f in t.fields %}{% if f.description %}    /// {{ f.description|doc }}
{% endif %}    public var {{ f.name|camel }}: {{ f.type|swift }}?
{% endfor %}
    enum CodingKeys: String, CodingKey {
{% for f in t.fields %}        case {{ f.name|camel }} = "{{ f.name }}"
{% endfor %}    }
}
''')
PG_T = env.from_string('''CREATE SCHEMA IF NOT EXISTS "{{ t.id.split('.')[0] }}";
CREATE TABLE "{{ t.id.split('.')[0] }}"."{{ t.id.split('.', 1)[1] }}" (
{% for f in t.fields %}    "{{ f.name }}" {{ f.type|pg }}{{ "," if not loop.last }}
{% endfor %});
{% for f in t.fields %}{% if f.description %}COMMENT ON COLUMN "{{ t.id.split('.')[0] }}"."{{ t.id.split('.', 1)[1] }}"."{{ f.name }}" IS '{{ f.description|sq }}';
{% endif %}{% endfor %}''')

md = MarkdownIt('commonmark').enable('table')

def from_md(text):
    toks = md.parse(text)
    tid = title = None; fields = []; i = 0; in_fields = False; row = None; in_body = False
    while i < len(toks):
        t = toks[i]
        if t.type == 'heading_open':
            content = toks[i + 1].content.strip()
            if t.tag == 'h1' and title is None and not content.startswith('Source:'): title = content
            in_fields = t.tag == 'h2' and content == 'Fields'
        elif t.type == 'fence' and tid is None:
            tid = t.content.strip()
        elif in_fields and t.type == 'tbody_open': in_body = True
        elif in_body and t.type == 'tr_open': row = []
        elif in_body and t.type == 'inline' and row is not None: row.append(t.content.strip())
        elif in_body and t.type == 'tr_close':
            fields.append({'name': row[0], 'variant': row[1], 'type': row[2], 'description': row[3] if len(row) > 3 else ''}); row = None
        elif in_body and t.type == 'tbody_close': break
        i += 1
    return {'id': tid, 'title': title, 'fields': fields}

def from_html(text):
    doc = lhtml.fromstring(text)
    title = doc.xpath('string(//h1[@id="pagetitle"])').strip()
    tid = doc.xpath('string(//div[@class="highlight"]//code)').strip()
    rows = doc.xpath('//h2[normalize-space()="Fields"]/following::table[1]/tbody/tr')
    fields = []
    for r in rows:
        c = [' '.join(td.text_content().split()) for td in r.xpath('./td')]
        fields.append({'name': c[1], 'variant': c[2], 'type': c[3], 'description': c[4]})
    return {'id': tid, 'title': title, 'fields': fields}

def main(src, out):
    os.makedirs(os.path.join(out, 'swift'), exist_ok=True)
    os.makedirs(os.path.join(out, 'jsonschema'), exist_ok=True)
    os.makedirs(os.path.join(out, 'sql'), exist_ok=True)
    tables = []
    for name in sorted(os.listdir(src)):
        p = os.path.join(src, name)
        text = open(p, encoding='utf-8').read()
        t = from_html(text) if name.endswith('.html') else from_md(text)
        tables.append(t)
        with open(os.path.join(out, 'swift', typename(t['id']) + '.swift'), 'w') as f:
            f.write(SWIFT_T.render(t=t))
        schema = {'$schema': 'https://json-schema.org/draft/2020-12/schema', '$id': t['id'], 'title': t['title'], 'type': 'object',
                  'properties': {f['name']: dict(JS.get(f['type'], {}), description=f['description']) if f['description'] else JS.get(f['type'], {}) for f in t['fields']}}
        with open(os.path.join(out, 'jsonschema', t['id'] + '.schema.json'), 'w') as f:
            json.dump(schema, f, indent=2, sort_keys=True)
    with open(os.path.join(out, 'sql', 'postgres.sql'), 'w') as f:
        f.write('CREATE EXTENSION IF NOT EXISTS hstore;\n')
        for t in tables: f.write(PG_T.render(t=t))
    print(f'{len(tables)} tables, {sum(len(t["fields"]) for t in tables)} fields')

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
