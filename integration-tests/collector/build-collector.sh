#!/usr/bin/env bash
# Builds the OpenTelemetry Collector from its published Go modules with the official builder,
# once per machine: the binary is cached by the manifest's hash. Prints the binary's path last.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
builder_version=v0.165.0
manifest="$here/manifest.yaml"
cache="${PERF_AGENT_CACHE:-$HOME/.cache/perf-agent}/otelcol"
hash=$( (cat "$manifest"; echo "$builder_version") | sha256sum | cut -c1-12)
target="$cache/$hash/otelcol-perf"

if [[ -x "$target" ]] && "$target" components >/dev/null 2>&1; then
  echo "$target"
  exit 0
fi

[[ -d /usr/local/go/bin ]] && export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || { echo "build-collector: Go is required (go 1.24 or later)" >&2; exit 1; }

mkdir -p "$cache/bin"
builder="$cache/bin/builder-$builder_version"
if [[ ! -x "$builder" ]]; then
  echo "build-collector: installing the collector builder $builder_version" >&2
  GOBIN="$cache/bin" go install "go.opentelemetry.io/collector/cmd/builder@$builder_version" >&2
  mv "$cache/bin/builder" "$builder"
fi

work=$(mktemp -d "$cache/build.XXXXXX")
trap 'rm -rf "$work"' EXIT
sed "s#output_path: .*#output_path: $work/out#" "$manifest" > "$work/manifest.yaml"
echo "build-collector: building the collector (a few minutes, once per machine)" >&2
start=$(date +%s)
# -e (applied by go only to commands that take it: `go mod tidy`) lets tidy pass over modules that
# only the components' own tests import and that the module proxy refuses to serve (contrib's
# otlpencodingextension, imported by fileexporter's tests). The binary never links them.
GOFLAGS="${GOFLAGS:+$GOFLAGS }-e" CGO_ENABLED=0 "$builder" --config "$work/manifest.yaml" >&2
echo "build-collector: built in $(( $(date +%s) - start )) s" >&2

mkdir -p "$(dirname "$target")"
mv "$work/out/otelcol-perf" "$target.tmp.$$"
mv "$target.tmp.$$" "$target" # atomic: a concurrent run sees no half-written binary
"$target" components | grep -E "^ *- name:|module:" >&2
echo "$target"
