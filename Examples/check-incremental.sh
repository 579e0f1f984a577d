#!/usr/bin/env bash
# Builds and tests Examples/PluginExample (a package that uses schemagen's build plugin), then checks:
#   0. no build log (first build, rebuilds, one-page rebuild, `swift test`) holds an `error:` line: a
#      user or a log scanner reads one as a failure even when the build succeeds;
#   1. a `swift build` with nothing changed does not run the generator (build log and the generated
#      files' modification times), and the rebuild SwiftPM re-plans (the first one after a fresh build)
#      rewrites no generated file;
#   2. after editing one page, `swift build` regenerates exactly that page's file and the compiler
#      sees the change: code using a new column fails to compile before the edit and compiles after;
#   3. the generated files are exactly the ones `schemagen generate --print-outputs` lists, so the
#      plugin's declared outputs match what schemagen writes;
#   4. `swift package generate-schemas` (the command plugin) writes the same files as the CLI for the
#      same pages and config.
# Leaves the example's sources as it found them. Exits non-zero on the first failed check.
set -euo pipefail

example="$(cd "$(dirname "$0")/PluginExample" && pwd)"
cd "$example"

target=DDSQLModels
generated=.build/plugins/outputs/pluginexample/$target/destination/SchemaGenPlugin/GeneratedSources
page=Sources/$target/k8s.services.md
probe=Sources/$target/IncrementalProbe.swift
scratch=$(mktemp -d)
cp "$page" "$scratch/page.md"

cleanup() {
  cp "$scratch/page.md" "$page"
  rm -f "$probe"
  rm -rf "$scratch" Generated
}
trap cleanup EXIT

fail() { echo "check-incremental: FAIL: $*" >&2; exit 1; }
step() { echo; echo "== $*"; step_start=$SECONDS; }
took() { echo "   took $((SECONDS - step_start)) s"; }
mtimes() { find "$generated/swift" -name '*.swift' -printf '%f %T@\n' | sort; }
ran_generator() { grep -q "schemagen: generating Swift" "$1"; }
# Any `error:` line fails, whatever the exit status of the build.
no_errors() { if grep -n "error:" "$1"; then fail "$2 printed the error lines above (log: $1)"; fi; }

step "swift build (first build of the example)"
swift build > "$scratch/build1.log" 2>&1 || { cat "$scratch/build1.log"; fail "first swift build failed"; }
grep -E "warning:|schemagen:|Build complete" "$scratch/build1.log" || true
no_errors "$scratch/build1.log" "the first build"
ran_generator "$scratch/build1.log" || fail "the first build did not run the generator"
# The plugin keeps schemagen's cache under its own work directory (the only place a build command may
# write on macOS), not in ~/.cache.
cache=.build/plugins/outputs/pluginexample/$target/destination/SchemaGenPlugin/cache
[ -n "$(ls -A "$cache" 2>/dev/null)" ] || fail "no generation cache in the plugin's work directory ($cache)"
# Swift warnings only: schemagen's own diagnostics about the pages (`page.md:24:38: warning: ...`) are not code.
if grep -E "^$example/.*\.swift:[0-9]+(:[0-9]+)?: warning:|unhandled" "$scratch/build1.log"; then
  fail "warnings in the example's own code"
fi
took

step "swift build again: SwiftPM re-plans its first rebuild; no generated file may be rewritten"
# SwiftPM builds a plugin's tool twice, in a plugin-tools pre-build and in the main build, each with a
# database of its own. When it re-plans (first rebuild after a fresh build, switching between `swift
# build` and `swift test`, a manifest change), each relinks the tool the other wrote, and so the
# generator runs; schemagen then finds every file current and rewrites none. Documentation/BuildPlugin.md
# ("Rebuilds") describes it.
mtimes > "$scratch/mtimes-1"
swift build > "$scratch/build2.log" 2>&1 || { cat "$scratch/build2.log"; fail "the first rebuild failed"; }
no_errors "$scratch/build2.log" "the first rebuild"
mtimes > "$scratch/mtimes0"
diff "$scratch/mtimes-1" "$scratch/mtimes0" || fail "generated files were rewritten although nothing changed"
took

step "swift build again, nothing changed: the generator must not run"
swift build > "$scratch/build3.log" 2>&1 || { cat "$scratch/build3.log"; fail "no-op swift build failed"; }
no_errors "$scratch/build3.log" "the no-op rebuild"
if ran_generator "$scratch/build3.log"; then
  cat "$scratch/build3.log"; fail "the generator ran again although nothing changed"
fi
mtimes > "$scratch/mtimes1"
diff "$scratch/mtimes0" "$scratch/mtimes1" || fail "generated files were rewritten although nothing changed"
took

step "swift test"
swift test > "$scratch/test.log" 2>&1 || { cat "$scratch/test.log"; fail "swift test failed"; }
grep -E "✔|✘|Test run" "$scratch/test.log" || true
no_errors "$scratch/test.log" "swift test"
took

step "generated files are exactly what schemagen lists"
# The schemagen the plugin ran (SwiftPM names a plugin's tool `schemagen-tool` in some builds).
schemagen=""
for candidate in .build/debug/schemagen .build/debug/schemagen-tool; do
  if [ -x "$candidate" ]; then schemagen="$candidate"; break; fi
done
[ -n "$schemagen" ] || fail "the plugin's schemagen binary is not in .build/debug"
"$schemagen" generate Sources/$target/*.md --config Sources/$target/schemagen.yml \
  --out "$generated" --targets swift --swift-file-names page --print-outputs | sed 's|^swift/||' | sort > "$scratch/listed"
(cd "$generated/swift" && ls *.swift | sort) > "$scratch/present"
diff "$scratch/listed" "$scratch/present" || fail "the plugin's outputs differ from schemagen's list"
echo "   $(wc -l < "$scratch/present") files: $(tr '\n' ' ' < "$scratch/present")"

step "code using a column the page does not have yet does not compile"
cat > "$probe" <<'SWIFT'
extension DDSQL.K8sServices {
    /// Uses the column check-incremental.sh adds to k8s.services.md.
    var incrementalProbe: String? { incrementalProbeColumn }
}
SWIFT
if swift build > "$scratch/probe.log" 2>&1; then fail "the probe compiled before the page had the column"; fi
grep -q "incrementalProbeColumn" "$scratch/probe.log" || { cat "$scratch/probe.log"; fail "unexpected build failure"; }
took

step "edit one page: only its file is regenerated, and the new column compiles"
mtimes > "$scratch/mtimes2"
# A new last row in the Fields table (the page's last table row).
awk -v row='| Incremental Probe | incremental_probe_column | core | string | Added by check-incremental.sh. |' '
  { lines[NR] = $0; if ($0 ~ /^\|/) last = NR }
  END { for (i = 1; i <= NR; i++) { print lines[i]; if (i == last) print row } }' "$scratch/page.md" > "$page"
swift build > "$scratch/build4.log" 2>&1 || { cat "$scratch/build4.log"; fail "the build after the page edit failed"; }
no_errors "$scratch/build4.log" "the one-page rebuild"
ran_generator "$scratch/build4.log" || fail "the generator did not run after a page changed"
mtimes > "$scratch/mtimes3"
changed=$(diff "$scratch/mtimes2" "$scratch/mtimes3" | grep '^>' | cut -d' ' -f2 || true)
[ "$changed" = "k8s.services.swift" ] || fail "expected only k8s.services.swift to be rewritten, got: ${changed:-nothing}"
grep -q "incrementalProbeColumn" "$generated/swift/k8s.services.swift" || fail "the new column is not in the generated file"
took

step "command plugin writes what the CLI writes"
cp "$scratch/page.md" "$page"
rm -f "$probe"
swift package --allow-writing-to-package-directory generate-schemas 2>&1 | tail -3
[ -d Generated/$target ] || fail "the command plugin wrote nothing to Generated/$target"
"$schemagen" generate Sources/$target/*.md --config Sources/$target/schemagen.yml --out "$scratch/cli" --quiet
diff -r Generated/$target "$scratch/cli" || fail "the command plugin's output differs from the CLI's"
echo "   same $(find "$scratch/cli" -type f | wc -l) files: $(cd "$scratch/cli" && find . -type f | sort | tr '\n' ' ')"
took

echo
echo "check-incremental: all checks passed"
