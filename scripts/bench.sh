#!/usr/bin/env bash
# Runs the JMH benchmarks with the JVM flags of the running JDK.
#   scripts/bench.sh                      all benchmarks, JMH defaults
#   scripts/bench.sh ProcessorBenchmark -prof gc -f 1 -wi 3 -i 5     any JMH arguments
set -euo pipefail
source "$(dirname "$0")/lib.sh"
JAR="$ROOT/perf/target/benchmarks.jar"
if [ ! -f "$JAR" ] || [ -n "$(find "$ROOT/perf/src" "$ROOT/engine/src/main" "$ROOT/journal/src/main" -newer "$JAR" -print -quit)" ]; then
  echo "building perf/target/benchmarks.jar..." >&2
  log="$(mktemp)"
  (cd "$ROOT" && mvn -B -ntp -DskipTests -pl perf -am package) >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  rm -f "$log"
fi
# shellcheck disable=SC2046
exec java $(jvm_flags) -jar "$JAR" -jvmArgsAppend "$(jvm_flags)" "$@"
