#!/usr/bin/env bash
# Formats the project's Swift with swift-format and the checked-in `.swift-format` (120 columns);
# `Scripts/format.sh --lint` only checks, strictly (a finding is an error), as `.ci/run` does.
# Generated Swift checked in as test fixtures (golden output) is left as the generator writes it.
set -euo pipefail
cd "$(dirname "$0")/.."
files=()
while IFS= read -r -d '' file; do files+=("$file"); done < <(
  git ls-files -z '*.swift' ':!:Tests/SchemaGenKitTests/Fixtures/**')
if [ "${1:-}" = --lint ]; then
  swift format lint --strict --parallel "${files[@]}"
else
  swift format format --in-place --parallel "${files[@]}"
fi
