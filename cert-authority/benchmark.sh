#!/usr/bin/env bash
# Times minting the whole scenario catalogue with the CLI, key reuse on vs off, runs interleaved so
# both see the same machine load. Prints per-run figures, the median of each, and their ratio.
# Usage: [JAVA=/path/to/java] cert-authority/benchmark.sh [RUNS]   (needs cert-authority/target/tlslab-ca.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
JAR=cert-authority/target/tlslab-ca.jar
JAVA="${JAVA:-java}"   # e.g. JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
[ -f "$JAR" ] || { echo "build first: mvn -q -pl cert-authority -am package -DskipTests" >&2; exit 2; }
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

run() { # $1 = label, rest = extra args; prints "label mint_ms write_ms wall_ms cpu_ms keys mint_cpu_ms"
  local label="$1"; shift
  local out line cpu
  # minted 31 scenarios for localhost in 812 ms (7 key pairs generated), wrote 249 files in 350 ms
  # process CPU time: minting 900 ms, writing 400 ms
  out=$(/usr/bin/time -f "TIME %e %U %S" -o "$OUT/time" \
      "$JAVA" -jar "$JAR" mint --all --host localhost --out "$OUT/$label" --force "$@")
  line=$(grep '^minted ' <<<"$out")
  cpu=$(grep '^process CPU time' <<<"$out" | sed -E 's/.*minting ([0-9]+) ms.*/\1/')
  read -r _ wall user sys < "$OUT/time"
  sed -E 's/.* in ([0-9]+) ms \(([0-9]+) key pairs.* in ([0-9]+) ms$/\1 \3 \2/' <<<"$line" |
      awk -v l="$label" -v w="$wall" -v c="$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" -v mc="$cpu" \
          '{ printf "%s %d %d %d %d %d %d\n", l, $1, $2, w * 1000, c * 1000, $3, mc }'
}

echo "java: $("$JAVA" -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "label        mint_ms mint_cpu write_ms wall_ms  cpu_ms keys   (mint/write: in-JVM; wall/cpu: whole process incl. JVM start)"
RESULTS=()
for i in $(seq "$RUNS"); do
  RESULTS+=("$(run reuse)")
  RESULTS+=("$(run no-reuse --no-key-reuse)")
done
printf '%s\n' "${RESULTS[@]}" | awk '{printf "%-12s %7s %8s %8s %7s %7s %4s\n", $1, $2, $7, $3, $4, $5, $6}'
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
col() { printf '%s\n' "${RESULTS[@]}" | awk -v l="$1" -v c="$2" '$1 == l { print $c }' | median; }
R=$(col reuse 2); NR_=$(col no-reuse 2); RW=$(col reuse 4); NRW=$(col no-reuse 4); RC=$(col reuse 5); NRC=$(col no-reuse 5); RMC=$(col reuse 7); NRMC=$(col no-reuse 7)
echo "median mint: key reuse ${R} ms wall / ${RMC} ms CPU, no key reuse ${NR_} ms wall / ${NRMC} ms CPU ($(awk -v a="$NR_" -v b="$R" 'BEGIN { printf "%.1f", a / b }')x wall, $(awk -v a="$NRMC" -v b="$RMC" 'BEGIN { printf "%.1f", a / b }')x CPU)"
echo "median whole run (JVM start + mint + write ~250 files): wall ${RW} vs ${NRW} ms, CPU ${RC} vs ${NRC} ms (reuse vs no reuse)"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
