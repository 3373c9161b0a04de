#!/usr/bin/env bash
# tlslab's validator vs the JDK's PKIX + hostname check, side by side on one thread (see
# endpoint-client/README.md, "Validator benchmark"). Builds tls-core with -Pbenchmarks from this
# checkout (no `mvn install`: the reactor's own classes), then runs ValidatorSideBySide on Java 17
# (java on PATH) and on every extra JDK given in BENCH_JAVAS.
#
#   tls-core/bench/validator-bench.sh [rounds] [sliceMillis] [KIND,...]
#   BENCH_JAVAS=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java tls-core/bench/validator-bench.sh 30 250
set -euo pipefail
cd "$(dirname "$0")/../.."
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
mvn -q -pl tls-core -am -Pbenchmarks test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
cp="tls-core/target/test-classes:tls-core/target/classes:$(cat "$cp_file")"
for java in java ${BENCH_JAVAS:-}; do
    "$java" -cp "$cp" io.tlslab.tls.validation.ValidatorSideBySide "$@"
done
