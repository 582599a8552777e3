#!/usr/bin/env bash
# Shows a running engine's monitoring counters (inputs, rejects by code, margin calls,
# liquidations, outputs, ring occupancy, journal position), refreshed every second with rates;
# --once prints them once and exits (1 when there are none to show, with the reason).
#   scripts/stat.sh [--once] [DIR]      DIR: the engine's countersDir (default /dev/shm/margin-engine)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ $# -gt 2 ] || [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  echo "usage: scripts/stat.sh [--once] [DIR]" >&2
  exit 2
fi
ensure_built
# shellcheck disable=SC2046
exec java $(jvm_flags) -XX:TieredStopAtLevel=1 -cp "$(engine_classpath)" io.marginengine.engine.monitor.StatMain "$@"
