#!/usr/bin/env bash
# Shared by the scripts: the JVM flags for the running JDK, and building the engine if needed.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# One flag set per JDK: 25 wants native access and Unsafe memory access allowed, 17 refuses
# those flags. Chronicle analytics are always off.
java_feature_version() {
  java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1
}

jvm_flags() {
  local flags="-Dchronicle.analytics.disable=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
  flags+=" --add-opens=java.base/java.lang.reflect=ALL-UNNAMED"
  flags+=" --add-exports=java.base/sun.nio.ch=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"
  flags+=" --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED"
  if [ "$(java_feature_version)" -ge 25 ] 2>/dev/null; then
    flags+=" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
  fi
  echo "$flags"
}

# Builds the engine (skipping tests) when it was never built or a source is newer than the build.
# Two scripts started together take turns (a lock), and the second finds the build done.
ensure_built() {
  local stamp="$ROOT/engine/target/runtime-classpath.txt"
  mkdir -p "$ROOT/engine/target"
  (
    flock 9
    if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/journal/pom.xml" "$ROOT/engine/pom.xml" \
        "$ROOT/journal/src/main" "$ROOT/engine/src/main" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
      echo "building the engine (mvn package, tests skipped)..." >&2
      local log
      log="$(mktemp)"
      if ! (cd "$ROOT" && mvn -B -ntp -DskipTests -pl engine -am package) >"$log" 2>&1; then
        cat "$log" >&2
        echo "build failed (output above)" >&2
        rm -f "$log"
        exit 1
      fi
      rm -f "$log"
      touch "$stamp"
    fi
  ) 9>"$ROOT/engine/target/.build.lock" || exit 1
}

engine_classpath() {
  echo "$ROOT/engine/target/classes:$ROOT/journal/target/classes:$(cat "$ROOT/engine/target/runtime-classpath.txt")"
}

# Builds the replay tool, and with it the engine (skipping tests), when it was never built or a
# source is newer than the build. Shares the engine's lock: both run Maven on the engine.
ensure_replay_built() {
  local stamp="$ROOT/replay-tool/target/runtime-classpath.txt"
  mkdir -p "$ROOT/engine/target" "$ROOT/replay-tool/target"
  (
    flock 9
    if [ ! -f "$stamp" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/journal/pom.xml" "$ROOT/engine/pom.xml" \
        "$ROOT/replay-tool/pom.xml" "$ROOT/journal/src/main" "$ROOT/engine/src/main" "$ROOT/replay-tool/src/main" \
        -newer "$stamp" -print -quit 2>/dev/null)" ]; then
      echo "building the replay tool (mvn package, tests skipped)..." >&2
      local log
      log="$(mktemp)"
      if ! (cd "$ROOT" && mvn -B -ntp -DskipTests -pl replay-tool -am package) >"$log" 2>&1; then
        cat "$log" >&2
        echo "build failed (output above)" >&2
        rm -f "$log"
        exit 1
      fi
      rm -f "$log"
      touch "$stamp" "$ROOT/engine/target/runtime-classpath.txt"
    fi
  ) 9>"$ROOT/engine/target/.build.lock" || exit 1
}

# The replay tool's classpath: its classes and the engine's first, then their dependencies.
replay_classpath() {
  echo "$ROOT/replay-tool/target/classes:$(engine_classpath):$(cat "$ROOT/replay-tool/target/runtime-classpath.txt")"
}
