#!/usr/bin/env bash
# Idle endpoints held on one authority server: memory per connected endpoint, server and fleet.
#
# For each N in COUNTS: starts `tlslab-fleet serve` (authority server, endpoint listener), then
# `tlslab-fleet load --hold` with N endpoints that connect (source addresses spread over 127.0.0.0/8),
# send HELLO and answer the server's keep-alive PINGs. Once all N are connected it reads RSS
# (/proc/PID/status VmRSS, as the JVM keeps it: before any forced GC), then forces a GC in both JVMs and
# reads the live heap (jcmd GC.heap_info), and prints growth over the idle server / idle fleet divided by
# the endpoints connected (the lowest count in the measured window, so a ramp that did not finish on a
# loaded machine does not flatter the figure), and the server's RSS idle -> held in MB (compare that
# column between variants whose idle servers differ). Loopback only; every run bounded by RAMP + HOLD.
#
# Usage: fleet-sim/bench/hold-scale.sh                       (COUNTS="1000 5000 15000")
#   COUNTS="1000 5000" ENGINE=OPENSSL RAMP=60s HOLD=40s PING=10s JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java ...
#   SERVER_OPTS="-XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=5" SERVER_ENV="env MALLOC_ARENA_MAX=2" ...
#     (the server's RSS growth is mostly heap the JVM keeps committed after the handshake ramp: live heap
#     per endpoint is the other column; these bound the headroom the JVM keeps, see the fleet-sim README)
#   AB_OPTS="-XX:MaxHeapFreeRatio=20 -XX:MinHeapFreeRatio=10" ...   each count twice, interleaved: as
#     started by default and with AB_OPTS added to the server's JVM options (a same-run A/B of JVM flags)
# Needs a built tree (mvn -q -DskipTests -pl fleet-sim -am package) and a descriptor limit above N + 1,000.
set -euo pipefail
cd "$(dirname "$0")/../.."

JAVA=${JAVA:-java}
JCMD=${JCMD:-$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd}
COUNTS=${COUNTS:-"1000 5000 15000"}
ENGINE=${ENGINE:-OPENSSL}
RAMP=${RAMP:-60s}
HOLD=${HOLD:-40s}
WORK=${WORK:-fleet-sim/target/hold-scale}
SERVER_OPTS=${SERVER_OPTS:-}   # JVM options of the server only, e.g. "-XX:+UseSerialGC"
SERVER_ENV=${SERVER_ENV:-env}  # environment of the server only, e.g. "env MALLOC_ARENA_MAX=2"
AB_OPTS=${AB_OPTS:-}
IDLE=${IDLE:-2s}   # how long the idle server settles before its baseline is read
FLEET=fleet-sim/target/tlslab-fleet.jar
CA=cert-authority/target/tlslab-ca.jar

die() { echo "hold-scale: $*" >&2; exit 2; }
[ -f "$FLEET" ] && [ -f "$CA" ] || die "build first: mvn -q -DskipTests -pl fleet-sim -am package"
[ -x "$JCMD" ] || die "jcmd not found next to $JAVA (set JCMD)"
rm -rf "$WORK" && mkdir -p "$WORK/reports"
WORK=$(cd "$WORK" && pwd)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

"$JAVA" -jar "$CA" mint --scenario VALID_EC_P256 --host localhost --out "$WORK/certs" --force >/dev/null
dir=$(ls -d "$WORK/certs"/*/ | head -1)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
# attaching to a busy JVM can take long on a loaded machine: allow 60 s
heap_kb() { local j=("$JCMD" -J-Dsun.tools.attach.attachTimeout=60000 "$1")
  "${j[@]}" GC.run >/dev/null 2>&1 && "${j[@]}" GC.heap_info 2>/dev/null | grep -o 'used [0-9]*K' | head -1 | tr -dc 0-9 || echo 0; }
seconds() { local v=$1; case "$v" in *m) echo $(( ${v%m} * 60 ));; *s) echo "${v%s}";; *) echo "$v";; esac; }

printf '| endpoints | server JVM | connected (lowest in the window) | keep-alives answered | server RSS MB idle -> held | server RSS KB/endpoint | server heap KB/endpoint | fleet RSS KB/endpoint | fleet heap KB/endpoint | load avg |\n'
printf '|---:|---|---:|---:|---|---:|---:|---:|---:|---|\n'
variants=("default")
[ -n "$AB_OPTS" ] && variants+=("ab")
for n in $COUNTS; do
 for variant in "${variants[@]}"; do
  opts=$SERVER_OPTS
  [ "$variant" = ab ] && opts="$AB_OPTS $SERVER_OPTS"
  port=$(free_port)
  $SERVER_ENV "$JAVA" $opts -jar "$FLEET" serve --server authority --engine "$ENGINE" --key "$dir/leaf.key" --chain "$dir/chain.pem" \
      --port "$port" ${PING:+--ping-interval "$PING"} >"$WORK/server-$n-$variant.log" 2>&1 &
  server=$!; PIDS+=("$server")
  for _ in $(seq 1 120); do grep -q '^listening on' "$WORK/server-$n-$variant.log" && break; sleep 0.5; done
  grep -q '^listening on' "$WORK/server-$n-$variant.log" || die "server did not start: $(tail -3 "$WORK/server-$n-$variant.log")"
  sleep "$(seconds "$IDLE")"
  s_rss0=$(rss_kb "$server"); s_heap0=$(heap_kb "$server")
  "$JAVA" -jar "$FLEET" load --target "127.0.0.1:$port" --dial-host localhost --trust "$dir/trust.pem" --hold \
      --endpoints "$n" --ramp "$RAMP" --duration "$HOLD" --server-pid "$server" --out "$WORK/reports" --name "hold-$n-$variant" \
      >"$WORK/load-$n-$variant.log" 2>&1 &
  fleet=$!; PIDS+=("$fleet")
  sleep 3
  f_rss0=$(rss_kb "$fleet"); f_heap0=$(heap_kb "$fleet")
  # all connected: read the server's count of open connections from the fleet's progress (the report comes later)
  sleep $(( $(seconds "$RAMP") + $(seconds "$HOLD") / 2 ))
  s_rss1=$(rss_kb "$server"); s_heap1=$(heap_kb "$server")
  f_rss1=$(rss_kb "$fleet"); f_heap1=$(heap_kb "$fleet")
  wait "$fleet" || true
  kill "$server"; wait "$server" 2>/dev/null || true
  jq -r --arg n "$n" --arg srss "$(( (s_rss1 - s_rss0) ))" --arg sheap "$(( s_heap1 - s_heap0 ))" \
     --arg frss "$(( f_rss1 - f_rss0 ))" --arg fheap "$(( f_heap1 - f_heap0 ))" --arg load "$(cut -d' ' -f1 /proc/loadavg)" \
     --arg v "$variant${opts:+ ($opts)}" --arg abs "$(( s_rss0 / 1024 )) -> $(( s_rss1 / 1024 ))" \
     '([.series[] | select(.measuring)] | map(.connectionsOpen) | min) as $c
      | "| \($n) | \($v) | \($c) | \(.counts.keepAlivesAnswered) | \($abs) | \(($srss|tonumber)/$c*10|round/10) | \(($sheap|tonumber)/$c*10|round/10) | \(($frss|tonumber)/$c*10|round/10) | \(($fheap|tonumber)/$c*10|round/10) | \($load) |"' \
     "$WORK/reports/hold-$n-$variant.json"
 done
done
