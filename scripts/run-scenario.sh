#!/usr/bin/env bash
# Runs a JSON Lines scenario (SPEC section 6) and writes every output as JSON Lines, in order,
# to OUT.jsonl or to standard output. Bad lines are reported on standard error and skipped.
#   scripts/run-scenario.sh IN.jsonl [OUT.jsonl]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ $# -lt 1 ] || [ $# -gt 2 ] || [ "$1" = "--help" ] || [ "$1" = "-h" ]; then
  echo "usage: scripts/run-scenario.sh IN.jsonl [OUT.jsonl]" >&2
  exit 2
fi
ensure_built
# shellcheck disable=SC2046
exec java $(jvm_flags) -cp "$(engine_classpath)" io.marginengine.engine.ScenarioMain "$@"
