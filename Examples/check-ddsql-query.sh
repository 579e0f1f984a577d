#!/usr/bin/env bash
# Builds Examples/DDSQLQuery (schemagen's build plugin with `swift.client: true`, and the `ddsql-rows`
# executable on DDSQLClient), then runs ddsql-rows as a process against a loopback DDSQL server for each of its
# five tables in every scenario of the server (immediate, running, 429s, errors, deadline, cancellation, ragged
# and wrong-typed results, extra keys, reordered columns, truncation, warnings) plus usage errors:
# Tests/check_ddsql_rows.py says what is checked. Exits non-zero on a failed build or check.
set -euo pipefail

example="$(cd "$(dirname "$0")/DDSQLQuery" && pwd)"
cd "$example"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

fail() { echo "check-ddsql-query: FAIL: $*" >&2; exit 1; }

echo "== swift build (DDSQLQuery)"
swift build > "$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; fail "swift build failed"; }
# An `error:` line fails even when the build succeeds (check-incremental.sh checks the same), and so do
# warnings in this package's code.
if grep -n "error:" "$scratch/build.log"; then fail "the build printed the error lines above"; fi
if grep -E "^$example/.*warning:" "$scratch/build.log"; then fail "warnings in the example's own code"; fi
bin=$(swift build --show-bin-path)

schemagen=""
for candidate in "$bin/schemagen" "$bin/schemagen-tool"; do
  if [ -x "$candidate" ]; then schemagen="$candidate"; break; fi
done
[ -n "$schemagen" ] || fail "the plugin's schemagen binary is not in $bin"
"$schemagen" dump Sources/DDSQLTables/*.md > "$scratch/schema.json" || fail "schemagen dump failed"

echo "== ddsql-rows against the loopback server"
python3 Tests/check_ddsql_rows.py "$bin/ddsql-rows" "$scratch/schema.json"
