#!/usr/bin/env bash
# The quick start's first command: build what is needed (first run only) and run the local demo:
# an authority server on loopback with its embedded store, the article's rollout with a small fleet,
# the conformance table and a handshake-rate figure; the server then stays up until Ctrl-C.
# Needs only a JDK 17+ and Maven; no Docker. Extra arguments go to `tlslab-fleet demo`
# (try ./run-demo.sh --help).
set -euo pipefail
cd "$(dirname "$0")"

JAR=fleet-sim/target/tlslab-fleet.jar
stale() {
  [ ! -f "$JAR" ] && return 0
  [ -n "$(find pom.xml protocol cli-kit ca-core cert-authority tls-core endpoint-client authority-server fleet-sim \
           -path '*/target' -prune -o -type f -newer "$JAR" -print 2>/dev/null | head -1)" ]
}
if stale; then
  echo "Building tlslab (first run only, one to three minutes)..."
  mvn -q -DskipTests -pl fleet-sim -am package
fi
exec java -jar "$JAR" demo "$@"
