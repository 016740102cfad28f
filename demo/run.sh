#!/usr/bin/env bash
# Runs the demo shop with perf-agent attached; the agent prints what it measured to stderr.
# Usage: demo/run.sh [seconds]   (default 15). Extra agent settings: PERF_AGENT_ARGS=key=value,...
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p;T;q' pom.xml)
agent=agent/target/perf-agent.jar
bootstrap=bootstrap/target/perf-agent-bootstrap-$version.jar
if [[ ! -f $agent || ! -f $bootstrap ]]; then
  echo "building perf-agent.jar (first run only) ..." >&2
  mvn -q -B -DskipTests package -pl agent -am
fi
rm -rf demo/target && mkdir -p demo/target/classes
javac --release 11 -d demo/target/classes -cp "$bootstrap" demo/src/demo/DemoShop.java
export OTEL_SERVICE_NAME=${OTEL_SERVICE_NAME:-demo-shop}
exec java "-javaagent:$agent=otel.metrics.exporter=console,otel.metric.export.interval=5000${PERF_AGENT_ARGS:+,$PERF_AGENT_ARGS}" \
  -cp "demo/target/classes:$bootstrap" demo.DemoShop "${1:-15}"
