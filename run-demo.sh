#!/usr/bin/env bash
# The quick start's first command: build what is needed (once) and run the local demo.
# Needs only a JDK 17+ and Maven; no Docker. Extra arguments go to the demo command.
set -euo pipefail
cd "$(dirname "$0")"

JAR=cert-authority/target/tlslab-ca.jar
if [ ! -f "$JAR" ] || [ -n "$(find cert-authority/src protocol/src -newer "$JAR" -type f 2>/dev/null | head -1)" ]; then
  echo "Building tlslab (first run only, about a minute)..."
  mvn -q -DskipTests -pl cert-authority -am install
fi
exec java -jar "$JAR" mint --all --host localhost --out demo-data/certs --force "$@"
