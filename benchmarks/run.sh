#!/usr/bin/env bash
# perf-agent's benchmarks against its peers: per-call overhead (JMH), resource-sample cost (JMH),
# startup/RSS/threads, and a web application under load (wrk; Debian package wrk).
#
#   benchmarks/run.sh           full run (~20 min on 2 cores): JMH on JDK 17 (2 forks) and on
#                               Temurin 25 if installed (1 fork), startup harness 10 rounds
#   benchmarks/run.sh --quick   a few minutes: JMH on JDK 17 (1 fork, short), startup 3 rounds
#   benchmarks/run.sh --smoke   CI check (< 3 min on 2 cores): every JMH case once with minimal
#                               iterations, the startup harness once per variant on a small app;
#                               exits non-zero if any case fails to start or produce a number.
#                               It asserts no timing.
# Options: --build (rebuild the jars first; otherwise they are built only when missing),
#          --jdk25 / --no-jdk25 (per-call run on Temurin 25 too; default: full yes, else no).
# Environment: PERF_AGENT_JAR (default agent/target/perf-agent.jar), JDK25_HOME.
# The agent jars are copied into the results folder first and measured from there, so a rebuild
# in the working tree during a run cannot mix two versions.
# Results: benchmarks/target/results/<mode>-<UTC time>/ (tables *.md, raw *.csv, JMH logs), and
# benchmarks/target/results/latest pointing at it. BENCHMARKS.md explains how to read them.
set -uo pipefail
cd "$(dirname "$0")/.."

mode=full build=no jdk25=default
for arg in "$@"; do
  case $arg in
    --quick) mode=quick ;;
    --smoke) mode=smoke ;;
    --full) mode=full ;;
    --build) build=yes ;;
    --jdk25) jdk25=yes ;;
    --no-jdk25) jdk25=no ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done
[[ $jdk25 == default ]] && { [[ $mode == full ]] && jdk25=yes || jdk25=no; }
JDK25_HOME=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

bench=benchmarks/target/benchmarks.jar
perf_agent=${PERF_AGENT_JAR:-agent/target/perf-agent.jar}
otel_agent=benchmarks/target/agents/opentelemetry-javaagent.jar
if [[ $build == yes || ! -f $bench || ! -f $perf_agent || ! -f $otel_agent ]]; then
  [[ -n ${PERF_AGENT_JAR:-} && ! -f $perf_agent ]] && { echo "run.sh: PERF_AGENT_JAR=$perf_agent not found" >&2; exit 1; }
  echo "== building perf-agent.jar and benchmarks.jar" >&2
  mvn -q -B -DskipTests package -pl agent,benchmarks -am || { echo "run.sh: build failed" >&2; exit 1; }
fi

out=benchmarks/target/results/$mode-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
ln -sfn "$(basename "$out")" benchmarks/target/results/latest
mkdir -p "$out/jars"
cp "$perf_agent" "$out/jars/perf-agent.jar" && cp "$otel_agent" "$out/jars/opentelemetry-javaagent.jar" || exit 1
props=(-Dperf.agent.jar="$PWD/$out/jars/perf-agent.jar" -Dotel.agent.jar="$PWD/$out/jars/opentelemetry-javaagent.jar")
status=0

{
  echo "# Environment"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); mode: $mode; git: $(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- agent bootstrap exporter 2>/dev/null || echo ' (agent/bootstrap/exporter modified)')"
  echo "- machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory, CPU '$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')', clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null), kernel $(uname -r)"
  echo "- java: $(java -version 2>&1 | sed -n 2p)"
  [[ $jdk25 == yes && -x $JDK25_HOME/bin/java ]] && echo "- java 25: $("$JDK25_HOME/bin/java" -version 2>&1 | sed -n 2p)"
  echo "- perf-agent.jar: $perf_agent, $(stat -c %s "$perf_agent") bytes, built $(date -u -r "$perf_agent" '+%Y-%m-%d %H:%M UTC'), sha256 $(sha256sum "$perf_agent" | cut -c1-12)"
  echo "- opentelemetry-javaagent.jar: $(stat -c %s "$otel_agent") bytes"
} > "$out/env.md"
cat "$out/env.md"

echo "== per-call overhead (JMH), JDK 17" >&2
java "${props[@]}" -jar "$bench" overhead --mode "$mode" --label jdk17 --out "$out" || status=1

if [[ $jdk25 == yes ]]; then
  if [[ -x $JDK25_HOME/bin/java ]]; then
    echo "== per-call overhead (JMH), JDK 25 forks" >&2
    java "${props[@]}" -jar "$bench" overhead --mode "$mode" --forks 1 --label jdk25 \
      --jvm "$JDK25_HOME/bin/java" --out "$out" || status=1
  else
    echo "run.sh: no JDK 25 at $JDK25_HOME (set JDK25_HOME); skipping its per-call run" >&2
  fi
fi

echo "== cost of one resource sample (JMH)" >&2
java -cp "$bench:$PWD/$out/jars/perf-agent.jar" io.perfagent.benchmarks.BenchMain sample --mode "$mode" --out "$out" || status=1

echo "== cost of one analysis cycle and its memory (JMH)" >&2
java -cp "$bench:$PWD/$out/jars/perf-agent.jar" io.perfagent.benchmarks.BenchMain analysis --mode "$mode" --out "$out" || status=1

echo "== cost of one endpoint request: Prometheus scrape and summary (JMH)" >&2
java -cp "$bench:$PWD/$out/jars/perf-agent.jar" io.perfagent.benchmarks.BenchMain endpoint --mode "$mode" --out "$out" || status=1

echo "== startup, RSS and threads" >&2
java "${props[@]}" -jar "$bench" startup --mode "$mode" --out "$out" || status=1

echo "== a web application under wrk: throughput, p99 and CPU per request" >&2
java "${props[@]}" -jar "$bench" load --mode "$mode" --out "$out" || status=1

echo >&2
echo "results: $out  (status $status)" >&2
exit $status
