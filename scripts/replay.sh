#!/usr/bin/env bash
# The forensic replay tool (docs/REPLAY-TOOL.md): builds it if needed, then runs one command on
# what an engine recorded (input journal, output queue, snapshots):
#   scripts/replay.sh replay  out/demo [--to INDEX|TIME] [--verify] [--summary]
#   scripts/replay.sh dump    out/demo [--account A] [--instrument I] [--type T] [--from X] [--to Y]
#   scripts/replay.sh explain out/demo --account A [--at INDEX|TIME]
#   scripts/replay.sh what-if out/demo --params changes.json
#   scripts/replay.sh state   out/demo --at INDEX|TIME [--account A]
# Each command has --help. Exit codes: 0 done, 1 a difference (--verify), 2 bad usage or input,
# 3 damaged or unreadable journal, 4 unexpected failure. Extra JVM options: REPLAY_JVM_OPTS.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_replay_built
tty=false
if [ -t 2 ]; then tty=true; fi
# shellcheck disable=SC2046,SC2086
exec java $(jvm_flags) ${REPLAY_JVM_OPTS:-} -Dreplay.stderr.tty="$tty" -cp "$(replay_classpath)" \
  io.marginengine.replay.ReplayTool "$@"
