#!/usr/bin/env bash
# Runs schemagen's libFuzzer targets with the address sanitizer.
#
# usage: Scripts/fuzz.sh [TARGET...] [--seconds N]
#   TARGET: FuzzMarkdown, FuzzHTML, FuzzPipeline (default: all three, one after the other)
#   --seconds N: how long each target runs (default 600)
#
# The seed corpus is the real pages (docs-input/ and the HTML fixtures); what a run learns is kept in
# .build-fuzz/corpus/<TARGET> and used again by the next run. A crash, hang or sanitizer report
# leaves its input in Fuzz/findings/<TARGET>/: move it to Tests/SchemaGenKitTests/Fixtures/fuzz/<TARGET>/
# (FuzzRegressionTests replays every file there) and fix what it found.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(FuzzMarkdown FuzzHTML FuzzPipeline)

for target in "${targets[@]}"; do
  # What works with this toolchain: --sanitize=fuzzer for SwiftPM plus -sanitize=fuzzer,address for
  # swiftc. (`-Xswiftc -sanitize=fuzzer` alone builds a binary that never fuzzes;
  # `--sanitize=fuzzer --sanitize=address` silently loses coverage.)
  swift build -c debug --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address \
    --scratch-path .build-fuzz --product "$target"
  corpus=".build-fuzz/corpus/$target"
  findings="Fuzz/findings/$target"
  mkdir -p "$corpus" "$findings" ".build-fuzz/seeds/$target"
  seeds=".build-fuzz/seeds/$target"
  case "$target" in
    FuzzMarkdown) cp docs-input/*.md "$seeds/" ;;
    FuzzHTML)
      for f in Tests/SchemaGenKitTests/Fixtures/html/*/*.html; do
        cp "$f" "$seeds/$(basename "$(dirname "$f")")-$(basename "$f")"
      done ;;
    FuzzPipeline)
      # The first byte picks the format: even = markdown, odd = HTML.
      for f in docs-input/*.md; do { printf '\x00'; cat "$f"; } > "$seeds/$(basename "$f")"; done
      for f in Tests/SchemaGenKitTests/Fixtures/html/pretty/*.html; do { printf '\x01'; cat "$f"; } > "$seeds/$(basename "$f")"; done ;;
  esac
  echo "== $target for ${seconds}s"
  SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$(pwd)/Fuzz/lsan-suppressions.txt" \
    ".build-fuzz/debug/$target" "$corpus" "$seeds" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -artifact_prefix="$findings/" -print_final_stats=1 2>&1 | tail -n 25
  rmdir "$findings" 2>/dev/null || true
done
