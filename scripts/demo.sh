#!/usr/bin/env bash
# The main job: builds the engine if needed, then runs it end to end on a synthetic venue
# (by default 100,000 accounts on 20 instruments, 600 simulated seconds with a crash, a rebound
# and a short squeeze; a simulated matching engine executing the liquidation orders) through the
# real pipeline with journaling, and prints a risk summary. Flags: scripts/demo.sh --help.
# The journal, the output queue and outputs.jsonl go to out/demo (--dir to change).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_built
cd "$ROOT"
# shellcheck disable=SC2046
exec java $(jvm_flags) -Xmx4g -XX:MaxDirectMemorySize=4g -cp "$(engine_classpath)" io.marginengine.engine.demo.VenueDemo "$@"
