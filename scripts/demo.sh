#!/usr/bin/env bash
# The main job: builds the engine if needed, then runs it end to end on the embedded default
# scenario (a small venue: a BTC slide with a margin call cured by deposits, an isolated ETH
# position liquidated, a call escalated at its deadline, an expiry taken over by the insurance
# fund, funding, pre-trade checks, refusals),
# prints every output as JSON Lines and a summary, and keeps the outputs in out/demo-outputs.jsonl.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_built
mkdir -p "$ROOT/out"
OUT="$ROOT/out/demo-outputs.jsonl"
# shellcheck disable=SC2046
java $(jvm_flags) -cp "$(engine_classpath)" io.marginengine.engine.ScenarioMain --demo "$OUT"
echo
echo "== outputs ($OUT)"
cat "$OUT"
