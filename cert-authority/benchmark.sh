#!/usr/bin/env bash
# Times minting the whole scenario catalogue with the CLI, key reuse on vs off, runs interleaved so
# both see the same machine load. Prints per-run figures, the median of each, and their ratio.
# Usage: cert-authority/benchmark.sh [RUNS]   (needs cert-authority/target/tlslab-ca.jar)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-5}"
JAR=cert-authority/target/tlslab-ca.jar
[ -f "$JAR" ] || { echo "build first: mvn -q -pl cert-authority -am package -DskipTests" >&2; exit 2; }
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

run() { # $1 = label, rest = extra args; prints "label mint_ms write_ms wall_ms keys"
  local label="$1"; shift
  local start end line
  start=$(date +%s%N)
  line=$(java -jar "$JAR" mint --all --host localhost --out "$OUT/$label" --force "$@" | grep '^minted ')
  end=$(date +%s%N)
  # minted 31 scenarios for localhost in 812 ms (7 key pairs generated), wrote 249 files in 350 ms
  echo "$label $(sed -E 's/.* in ([0-9]+) ms \(([0-9]+) key pairs.* in ([0-9]+) ms$/\1 \3 \2/' <<<"$line" | awk -v w=$(( (end-start)/1000000 )) '{print $1, $2, w, $3}')"
}

echo "java: $(java -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "label        mint_ms write_ms wall_ms keys"
RESULTS=()
for i in $(seq "$RUNS"); do
  RESULTS+=("$(run reuse)")
  RESULTS+=("$(run no-reuse --no-key-reuse)")
done
printf '%s\n' "${RESULTS[@]}" | awk '{printf "%-12s %7s %8s %7s %4s\n", $1, $2, $3, $4, $5}'
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }
col() { printf '%s\n' "${RESULTS[@]}" | awk -v l="$1" -v c="$2" '$1 == l { print $c }' | median; }
R=$(col reuse 2); NR_=$(col no-reuse 2); RW=$(col reuse 4); NRW=$(col no-reuse 4)
echo "median mint: key reuse ${R} ms, no key reuse ${NR_} ms ($(awk -v a="$NR_" -v b="$R" 'BEGIN { printf "%.1f", a / b }')x faster with reuse)"
echo "median wall (JVM start + mint + write ~250 files): key reuse ${RW} ms, no key reuse ${NRW} ms"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
