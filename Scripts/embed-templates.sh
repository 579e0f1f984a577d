#!/usr/bin/env bash
# Regenerates Sources/SchemaGenKit/Render/BundledTemplates.swift from Templates/*.mustache.
# Run after editing a template; `swift test` fails (BundledTemplatesTests) while the two differ.
set -euo pipefail
cd "$(dirname "$0")/.."
swift run --quiet EmbedTemplatesTool Sources/SchemaGenKit/Render/BundledTemplates.swift Templates/*.mustache
