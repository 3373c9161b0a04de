#!/usr/bin/env bash
# Build the tlslab images from the jars the Maven build made (run `mvn -DskipTests package` first).
#
#   docker/build-images.sh                 # BASE_IMAGE: tlslab/jre:17 if it exists locally, else eclipse-temurin:17-jre
#   docker/build-images.sh --local-base    # (re)build tlslab/jre:17 first with docker/base-image/build.sh
#   BASE_IMAGE=eclipse-temurin:21-jre TAG=test docker/build-images.sh
#   docker/build-images.sh ca server client  # only these (what the stack demo needs)
#
# Images: tlslab/ca, tlslab/server, tlslab/client, tlslab/fleet, tlslab/lab (tag $TAG, default "dev").
set -euo pipefail
cd "$(dirname "$0")/.."

TAG=${TAG:-dev}
if [ "${1:-}" = "--local-base" ]; then docker/base-image/build.sh; shift; fi
WANTED=" ${*:-ca server client fleet lab} "
for name in "$@"; do
  case " ca server client fleet lab " in *" $name "*) ;; *) echo "usage: $0 [--local-base] [ca|server|client|fleet|lab]..." >&2; exit 2 ;; esac
done
wanted() { case "$WANTED" in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
if [ -z "${BASE_IMAGE:-}" ]; then
  if docker image inspect tlslab/jre:17 >/dev/null 2>&1; then BASE_IMAGE=tlslab/jre:17; else BASE_IMAGE=eclipse-temurin:17-jre; fi
fi

build() { # <image> <module> <jar>
  local image=$1 module=$2 jar=$3
  local path="$module/target/$jar"
  [ -f "$path" ] || { echo "build-images: $path missing: run 'mvn -DskipTests package' first" >&2; exit 1; }
  local ctx
  ctx=$(mktemp -d /tmp/tlslab-image.XXXXXX)
  mkdir "$ctx/data" "$ctx/certs"
  cp "$path" "$ctx/$jar"
  # the legacy builder prints a deprecation notice on stderr: show the output only on failure
  if docker build -q --build-arg "BASE_IMAGE=$BASE_IMAGE" -f "docker/$module/Dockerfile" -t "$image:$TAG" "$ctx" >"$ctx/build.log" 2>&1; then
    echo "build-images: $image:$TAG (from $path, base $BASE_IMAGE)"
    rm -rf "$ctx"
  else
    cat "$ctx/build.log" >&2; rm -rf "$ctx"; echo "build-images: building $image failed" >&2; exit 1
  fi
}

wanted ca && build tlslab/ca cert-authority tlslab-ca.jar
wanted server && build tlslab/server authority-server tlslab-server.jar
wanted client && build tlslab/client endpoint-client tlslab-client.jar
wanted fleet && build tlslab/fleet fleet-sim tlslab-fleet.jar
wanted lab || exit 0
# the scenario lab is the fleet image with `lab serve` as its default command (no jar of its own)
lab_ctx=$(mktemp -d /tmp/tlslab-image.XXXXXX)
if docker build -q --build-arg "FLEET_IMAGE=tlslab/fleet:$TAG" -f docker/lab/Dockerfile -t "tlslab/lab:$TAG" "$lab_ctx" >"$lab_ctx/build.log" 2>&1; then
  echo "build-images: tlslab/lab:$TAG (from tlslab/fleet:$TAG)"
  rm -rf "$lab_ctx"
else
  cat "$lab_ctx/build.log" >&2; rm -rf "$lab_ctx"; echo "build-images: building tlslab/lab failed" >&2; exit 1
fi
