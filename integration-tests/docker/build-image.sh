#!/usr/bin/env bash
# Builds one local image for the Docker tests; no registry is needed (none is reachable here).
#   build-image.sh tiny TAG                 an empty image FROM scratch: Testcontainers' helper image
#                                         (tinyimage.container.image), present so it never pulls one
#   build-image.sh collector TAG BINARY   FROM scratch + the statically linked Collector binary
#   build-image.sh jdk TAG JDK_HOME       a JDK (no jmods, headers, man pages) + the shared libraries
#                                         its binaries link to, imported from a tarball
# The config of the Collector is copied in by the tests, which know their ports and paths.
set -euo pipefail
kind=${1:?kind: collector or jdk}
tag=${2:?image tag}
source=${3:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/perf-agent-image.XXXXXX")
trap 'rm -rf "$work"' EXIT

# docker build, quiet unless it fails (its legacy builder warns on every call otherwise).
build() {
  local out
  out=$(docker build -q -t "$tag" "$work" 2>&1) || { echo "$out" >&2; exit 1; }
}

case "$kind" in
  tiny)
    printf 'FROM scratch\nLABEL io.perfagent.purpose=testcontainers-tinyimage\n' > "$work/Dockerfile"
    build
    ;;
  collector)
    cp "$source" "$work/otelcol"
    printf 'FROM scratch\nCOPY otelcol /otelcol\nENTRYPOINT ["/otelcol"]\n' > "$work/Dockerfile"
    build
    ;;
  jdk)
    root="$work/root"
    mkdir -p "$root/opt/java"
    # -h: Debian's JDK links its conf, cacerts and jvm.cfg to /etc; the image needs the files.
    tar -C "$source" -chf - --exclude=./jmods --exclude=./include --exclude=./man --exclude=./docs \
      --exclude=./legal --exclude=./lib/src.zip --exclude=./lib/ct.sym . 2>/dev/null \
      | tar -C "$root/opt/java" -xf - || true
    [[ -x "$root/opt/java/bin/java" ]] || { echo "build-image: no bin/java under $source" >&2; exit 1; }
    find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 \
      | xargs -0 ldd 2>/dev/null | grep -oE '/[^ ]+\.so[^ ]*' | grep -v "^$root" | sort -u \
      | while read -r lib; do
          mkdir -p "$root$(dirname "$lib")"
          cp -L "$lib" "$root$lib"
        done
    mkdir -p "$root/tmp" "$root/etc"
    chmod 1777 "$root/tmp"
    tar -C "$root" -cf - . | docker import - "$tag" >/dev/null
    ;;
  *)
    echo "build-image: unknown kind '$kind' (expected collector or jdk)" >&2
    exit 2
    ;;
esac
echo "$tag"
