#!/usr/bin/env bash
# Formats the project's Swift with swift-format and the checked-in `.swift-format` (120 columns);
# `Scripts/format.sh --lint` only checks, strictly (a finding is an error), as `.ci/run` does.
# Generated Swift that is checked in (golden output, the compiled-in templates) is left as written.
set -euo pipefail
cd "$(dirname "$0")/.."
files=()
while IFS= read -r -d '' file; do files+=("$file"); done < <(
  git ls-files -z '*.swift' ':!:Tests/SchemaGenKitTests/Fixtures/**' ':!:Sources/SchemaGenKit/Render/BundledTemplates.swift')
if [ "${1:-}" = --lint ]; then
  swift format lint --strict --parallel "${files[@]}"
else
  swift format format --in-place --parallel "${files[@]}"
fi
