#!/usr/bin/env bash
# Starts the engine process from a configuration file (Java properties; README, "Running the
# engine"). It reads JSON Lines inputs from the file named by input= in CONFIG, or from standard
# input, until they end or it gets SIGTERM or Ctrl-C; then it drains, flushes, prints a summary
# and exits 0. Extra JVM options (heap, GC, ...) go in ENGINE_JVM_OPTS.
#   scripts/engine.sh CONFIG
set -euo pipefail
source "$(dirname "$0")/lib.sh"
if [ $# -ne 1 ] || [ "$1" = "--help" ] || [ "$1" = "-h" ]; then
  echo "usage: scripts/engine.sh CONFIG" >&2
  exit 2
fi
ensure_built
# exec: the JVM gets SIGTERM itself, so it can stop cleanly
# shellcheck disable=SC2046,SC2086
exec java $(jvm_flags) ${ENGINE_JVM_OPTS:-} -cp "$(engine_classpath)" io.marginengine.engine.EngineMain "$@"
