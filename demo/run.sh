#!/usr/bin/env bash
# Runs the demo shop with perf-agent attached and its local endpoint up; prints the endpoint's URLs
# and the CLI commands to try while the shop runs.
# Usage: demo/run.sh [seconds]   (default 60). Extra agent settings: PERF_AGENT_ARGS=key=value,...
# PERF_DEMO_CONSOLE=1 also prints the OpenTelemetry console export every 5 s.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p;T;q' pom.xml)
agent=agent/target/perf-agent.jar
bootstrap=bootstrap/target/perf-agent-bootstrap-$version.jar
if [[ ! -f $agent || ! -f $bootstrap ]]; then
  echo "building perf-agent.jar (first run only) ..." >&2
  mvn -q -B -DskipTests package -pl agent -am
fi
rm -rf demo/target/classes && mkdir -p demo/target/classes
javac --release 11 -d demo/target/classes -cp "$bootstrap" demo/src/demo/DemoShop.java
export OTEL_SERVICE_NAME=${OTEL_SERVICE_NAME:-demo-shop}
state=demo/target/state
mkdir -p "$state" && chmod 700 "$state"
exporter=none
[[ -n ${PERF_DEMO_CONSOLE:-} ]] && exporter=console
args="otel.metrics.exporter=$exporter,otel.metric.export.interval=5000,perf.analysis.interval=5s,perf.sample.interval=1s,perf.level.min-calls=50,perf.state.dir=$state"
java "-javaagent:$agent=$args${PERF_AGENT_ARGS:+,$PERF_AGENT_ARGS}" \
  -cp "demo/target/classes:$bootstrap" demo.DemoShop "${1:-60}" &
app=$!
trap 'kill $app 2>/dev/null || true' INT TERM
for _ in $(seq 1 100); do
  [[ -f $state/agent-$app.json ]] && break
  kill -0 $app 2>/dev/null || break
  sleep 0.1
done
if [[ -f $state/agent-$app.json ]]; then
  port=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$state/agent-$app.json")
  url=http://127.0.0.1:$port
  cat >&2 <<MSG

perf-agent endpoint of pid $app (the first analysis cycle comes after 5 s):
  $url/?refresh=2           the dashboard (live charts, levels, findings)
  $url/metrics/summary      per method: calls, errors, p50..p99, baseline, change, level
  $url/metrics/alerts       alerts: firing and pending, then recently resolved
  $url/metrics/prometheus   Prometheus text (OpenMetrics with Accept: application/openmetrics-text)
  $url/metrics?last_n=60    resource samples (add &format=csv for CSV)
  $url/health               status, latency, memory, CPU, threads, subsystems
Try, while the shop is open:
  java -jar $agent status --state-dir $state
  java -jar $agent summary --state-dir $state
  java -jar $agent health --watch --state-dir $state     (q quits)

MSG
else
  echo "the endpoint did not come up; see the agent's lines above" >&2
fi
wait $app
