#!/usr/bin/env bash
# The benchmarks of perf/ with the JVM flags of the running JDK.
#
#   scripts/bench.sh --full          everything (JMH benchmarks with -prof gc, the latency harness),
#                                    then perf/REPORT.md and its plot; about 15-20 minutes on 2 cores
#   scripts/bench.sh --short         the same, shorter runs and fewer parameters: a quick look in ~5 minutes
#   scripts/bench.sh --report-only   rewrites perf/REPORT.md from the last --short/--full results
#   scripts/bench.sh [JMH args]      JMH itself, e.g. scripts/bench.sh ProcessorBenchmark -prof gc -f 1 -wi 3 -i 5
#   scripts/bench.sh                 every JMH benchmark with its own defaults
#
# Results of --short/--full go to perf/target/bench/MODE-TIMESTAMP (jmh-*.csv and logs, latency.csv,
# histogram logs, machine.properties); perf/target/bench/latest points at the last one.
# BENCH_JAVA_OPTS adds options to the JMH host JVM and the latency harness (e.g. -Djmh.ignoreLock=true
# when another JMH runs, -Dperf.diskDir=DIR for the journals, which default to java.io.tmpdir).
# BENCH_NOTE is printed at the top of the report (what was special about this run).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
JAR="$ROOT/perf/target/benchmarks.jar"
PERF="$ROOT/perf"

build() {
  if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/perf/src" "$ROOT/engine/src/main" "$ROOT/journal/src/main" \
      "$ROOT/pom.xml" "$ROOT/perf/pom.xml" "$ROOT/engine/pom.xml" "$ROOT/journal/pom.xml" -newer "$JAR" -print -quit)" ]; then
    echo "building perf/target/benchmarks.jar..." >&2
    local log
    log="$(mktemp)"
    (cd "$ROOT" && mvn -B -ntp -DskipTests -pl perf -am package) >"$log" 2>&1 || { cat "$log" >&2; rm -f "$log"; exit 1; }
    rm -f "$log"
  fi
}

write_report() {
  local results="$1"
  # shellcheck disable=SC2086
  java -Djava.awt.headless=true -cp "$JAR" io.marginengine.perf.report.ReportWriter \
    "$results" "$PERF/REPORT.md" "$PERF/report/latency-percentiles.png" "$PERF/FINDINGS.md"
}

case "${1:-}" in
  --short|--full) MODE="${1#--}" ;;
  --report-only)
    build
    [ -d "$PERF/target/bench/latest" ] || { echo "no results in perf/target/bench/latest: run scripts/bench.sh --short or --full first" >&2; exit 1; }
    write_report "$(readlink -f "$PERF/target/bench/latest")"
    exit 0 ;;
  *)
    build
    # shellcheck disable=SC2046,SC2086
    exec java $(jvm_flags) ${BENCH_JAVA_OPTS:-} -jar "$JAR" -jvmArgsAppend "$(jvm_flags)" "$@" ;;
esac

build
FLAGS="$(jvm_flags)"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$PERF/target/bench/$MODE-$STAMP"
mkdir -p "$RESULTS"
ln -sfn "$RESULTS" "$PERF/target/bench/latest"
: >"$RESULTS/failures.txt"

if [ "$MODE" = full ]; then
  PROCESSOR=()                                            # the annotations: 3 x 1 s warm-up, 5 x 1 s
  MIXED=()                                                # 3 x 2 s, 5 x 2 s
  JOURNAL=(-p batch=1,8,64,256 -p sync=NONE)
  JOURNAL_SYNC=(-p batch=1,64 -p sync=EVERY_COMMIT -wi 1 -i 3)
  PIPELINE=(-p waitStrategy=blocking,sleeping,yielding -p journal=disk,tmpfs)
  PIPELINE_1T=(-p consumerThreads=1 -p waitStrategy=yielding,busy-spin -p journal=disk,tmpfs)
  REPLAY=()
  MARKTICK=(-wi 3 -w 1s -i 5 -r 1s)                      # its annotations would take JMH's defaults: 10 s iterations
  HARNESS=(--accounts 1000000 --rates 100000,1000000,max --warmup-seconds 5 --seconds 10 --saturation-seconds 5)
  TIMEOUT=1200
else
  PROCESSOR=(-wi 1 -w 1s -i 2 -r 1s)
  MIXED=(-wi 1 -w 2s -i 2 -r 2s)
  JOURNAL=(-p batch=1,64 -p sync=NONE -wi 1 -w 1s -i 2 -r 1s)
  JOURNAL_SYNC=()
  PIPELINE=(-p waitStrategy=blocking -p journal=disk -wi 1 -w 2s -i 2 -r 2s)
  PIPELINE_1T=(-p consumerThreads=1 -p waitStrategy=busy-spin -p journal=disk -wi 1 -w 2s -i 2 -r 2s)
  REPLAY=(-wi 1 -i 2)
  MARKTICK=(-p near=0.1% -wi 1 -w 1s -i 2 -r 1s)
  HARNESS=(--accounts 100000 --strategies blocking,yielding,busy-spin-1t --rates 100000,max --warmup-seconds 1 --seconds 3
    --saturation-seconds 2)
  TIMEOUT=600
fi
HARNESS_FLAGS="-Xms2g -Xmx2g"

# machine, JDK and flags, for the report
prop() { printf '%s=%s\n' "$1" "$2" >>"$RESULTS/machine.properties"; }
lscpu_field() { lscpu 2>/dev/null | awk -F: -v k="$1" '$1 == k {sub(/^[ \t]+/, "", $2); print $2; exit}'; }
prop mode "$MODE"
prop note "${BENCH_NOTE:-}"
prop date "$(date -u '+%Y-%m-%d %H:%M UTC')"
prop commit "$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$ROOT" && git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
prop cpu_model "$(lscpu_field 'Model name')"
prop cpus "$(lscpu_field 'CPU(s)')"
prop threads_per_core "$(lscpu_field 'Thread(s) per core')"
prop hypervisor "$(v="$(lscpu_field 'Hypervisor vendor')"; [ -n "$v" ] && echo "virtual machine ($v)" || echo "no hypervisor reported")"
prop nproc "$(nproc)"
prop memory "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
prop load "$(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
prop kernel "$(uname -sr)"
prop disk "$(df -hT "${TMPDIR:-/tmp}" | awk 'NR == 2 {print $2 ", " $3 " (" $5 " free) at " $7}')"
prop jdk "$(java -version 2>&1 | sed -n 2p)"
prop jvm_flags "$FLAGS"
prop jmh_args "\`-f 1\` and the per-benchmark iterations of \`scripts/bench.sh --$MODE\`"
prop harness_args "${HARNESS[*]}"
prop harness_flags "$HARNESS_FLAGS"
prop harness_accounts "$(echo "${HARNESS[*]}" | sed -E 's/.*--accounts ([0-9]+).*/\1/')"

jmh() {
  local name="$1"; shift
  echo "== JMH $name: $*" >&2
  # shellcheck disable=SC2086
  if ! timeout "$TIMEOUT" java $FLAGS ${BENCH_JAVA_OPTS:-} -jar "$JAR" "$@" -f 1 -foe true -prof gc -jvmArgsAppend "$FLAGS" \
      -rf csv -rff "$RESULTS/jmh-$name.csv" >"$RESULTS/jmh-$name.log" 2>&1; then
    echo "JMH $name failed or timed out (log: $RESULTS/jmh-$name.log)" | tee -a "$RESULTS/failures.txt" >&2
  fi
  grep -E '^(Benchmark|[A-Za-z]+Benchmark\.)' "$RESULTS/jmh-$name.log" | grep -v ':gc\.\(count\|time\|alloc\.rate \)' >&2 || true
}

jmh 1-processor 'ProcessorBenchmark' -p accounts=1000 "${PROCESSOR[@]}"
jmh 2-mixed 'MixedInputBenchmark' "${MIXED[@]}"
jmh 3-journal 'JournalAppendBenchmark' "${JOURNAL[@]}"
if [ ${#JOURNAL_SYNC[@]} -gt 0 ]; then
  jmh 3-journal-msync 'JournalAppendBenchmark' "${JOURNAL_SYNC[@]}"
fi
jmh 4-pipeline 'PipelineBenchmark' "${PIPELINE[@]}"
jmh 4-pipeline-1t 'PipelineBenchmark' "${PIPELINE_1T[@]}"
if [ "$MODE" = full ]; then
  jmh 5-replay 'ReplayBenchmark' "${REPLAY[@]}"
else
  jmh 5-replay 'ReplayBenchmark.replay' "${REPLAY[@]}"
fi
# the other worker's mark tick benchmark, picked up by name once it is in the build
# shellcheck disable=SC2046,SC2086
if java $FLAGS -jar "$JAR" -l 2>/dev/null | grep -q 'MarkTickBenchmark'; then
  jmh 6-marktick 'MarkTickBenchmark' "${MARKTICK[@]}"
fi

echo "== latency harness: ${HARNESS[*]}" >&2
# shellcheck disable=SC2086
if ! timeout "$TIMEOUT" java $FLAGS $HARNESS_FLAGS ${BENCH_JAVA_OPTS:-} -cp "$JAR" io.marginengine.perf.latency.LatencyHarness \
    "${HARNESS[@]}" --out "$RESULTS" 2>&1 | tee "$RESULTS/latency.log" >&2; then
  echo "latency harness failed or timed out (log: $RESULTS/latency.log)" | tee -a "$RESULTS/failures.txt" >&2
fi

prop duration "$((SECONDS / 60)) min $((SECONDS % 60)) s"
write_report "$RESULTS"
if [ -s "$RESULTS/failures.txt" ]; then
  echo "some runs failed:" >&2
  cat "$RESULTS/failures.txt" >&2
  exit 1
fi
