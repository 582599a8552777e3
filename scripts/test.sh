#!/usr/bin/env bash
# Runs every test of every module: unit tests, property-based differential tests,
# worked scenarios and the allocation check. Maven fetches what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
exec mvn -B -ntp verify "$@"
