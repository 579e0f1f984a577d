#!/usr/bin/env bash
# The test suite: `swift test`, with the DDSQL client's tests in a run of their own.
#
# Why two runs: many tests wait on other processes (swiftc, PostgreSQL, schemagen itself) while holding
# a thread of Swift's cooperative pool, which on a 2-core machine has two threads; the client's tests
# are async and time their own deadlines, so sharing the pool with those waits makes them time out.
# Extra arguments go to both runs (e.g. `Scripts/test.sh --parallel`).
set -euo pipefail
cd "$(dirname "$0")/.."
swift test --skip DDSQLClientTests "$@"
swift test --filter DDSQLClientTests "$@"
