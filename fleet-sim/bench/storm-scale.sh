#!/usr/bin/env bash
# Reconnect storm at scale: N endpoints hold connections to one authority server (its own process),
# which restarts once mid-run (`tlslab-fleet serve --restart-after`), optionally presenting a rotated
# certificate from a second CA (`--rotate-key/--rotate-chain`; the fleet trusts both roots, as a fleet
# being moved to a new CA does). Every connection drops; each endpoint reconnects, is refused while the
# server is down, and backs off (100 ms .. 5 s, full jitter unless the variant says nojitter). Once the
# server is back, connections beyond its handshake limits wait in its handshake queue rather than being
# closed (docs/behaviour.md, "Admission"); queue overflows and timeouts show in storm-*.log.
#
# Per variant it prints: how long until all N were connected again (the fleet's own drop watcher on
# held connections), the bound 1.5 x N / R + 0.1 s (R = the same server's steady full-handshake rate,
# measured just before by a short churn run in the same script; 0.1 s = the retry policy's first delay),
# the peak handshake rate after the drop, the failed attempts by reason, and whether anyone was left
# behind. Loopback only; every run bounded by RAMP + DURATION.
#
# Usage: fleet-sim/bench/storm-scale.sh          (N=15000, VARIANTS="restart restart-nojitter rotate rotate-nojitter")
#   N=2000 RAMP=20s DURATION=40s VARIANTS="restart rotate" JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java ...
# Needs a built tree (mvn -q -DskipTests -pl fleet-sim -am package), jq, and a descriptor limit above
# N + 2,000 per process (server and fleet are two processes).
set -euo pipefail
cd "$(dirname "$0")/../.."

JAVA=${JAVA:-java}
N=${N:-15000}
RAMP=${RAMP:-90s}           # endpoints connect spread over this; the restart comes SETTLE after it
SETTLE=${SETTLE:-15s}
DURATION=${DURATION:-60s}   # measured after the ramp: the storm happens inside it
STEADY=${STEADY:-10s}
VARIANTS=${VARIANTS:-"restart restart-nojitter rotate rotate-nojitter"}
ENGINE=${ENGINE:-OPENSSL}
WORK=${WORK:-fleet-sim/target/storm-scale}
FLEET=fleet-sim/target/tlslab-fleet.jar
CA=cert-authority/target/tlslab-ca.jar

die() { echo "storm-scale: $*" >&2; exit 2; }
[ -f "$FLEET" ] && [ -f "$CA" ] || die "build first: mvn -q -DskipTests -pl fleet-sim -am package"
command -v jq >/dev/null || die "jq not found: apt-get install jq"
[ "$(ulimit -n)" -gt $((N + 2000)) ] || die "descriptor limit $(ulimit -n) too low for N=$N (needs N + 2,000)"
rm -rf "$WORK" && mkdir -p "$WORK/reports"
WORK=$(cd "$WORK" && pwd)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
seconds() { local v=$1; case "$v" in *m) echo $(( ${v%m} * 60 ));; *s) echo "${v%s}";; *) echo "$v";; esac; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# two certificate sets from two throwaway CAs: the served one and the one rotated to
for set in a b; do
  "$JAVA" -jar "$CA" mint --scenario VALID_EC_P256 --host localhost --out "$WORK/certs-$set" --force >/dev/null
done
A=$(ls -d "$WORK/certs-a"/*/ | head -1); B=$(ls -d "$WORK/certs-b"/*/ | head -1)
cat "$A/trust.pem" "$B/trust.pem" >"$WORK/trust-both.pem"

start_server() { # log port [serve options]
  "$JAVA" -jar "$FLEET" serve --server authority --engine "$ENGINE" --key "$A/leaf.key" --chain "$A/chain.pem" \
      --port "$2" "${@:3}" >"$1" 2>&1 &
  SERVER=$!; PIDS+=("$SERVER")
  for _ in $(seq 1 240); do grep -q '^listening on' "$1" && return 0; sleep 0.5; done
  die "server did not start: $(tail -3 "$1")"
}

echo "storm-scale: N=$N, ramp $RAMP, restart $SETTLE after the ramp, engine $ENGINE, $("$JAVA" -version 2>&1 | head -1), cores $(nproc)"
printf '| variant | steady full hs/s (R) | all back after s | bound 1.5N/R+0.1 s | within bound | peak hs/s after | failed attempts after (by reason) | connected at the last sample | load avg |\n'
printf '|---|---:|---:|---:|---|---:|---|---:|---|\n'
for v in $VARIANTS; do
  # 1. the steady full-handshake rate of a fresh server, same engine and certificate
  port=$(free_port)
  start_server "$WORK/steady-$v.log" "$port"
  "$JAVA" -jar "$FLEET" load --target "127.0.0.1:$port" --dial-host localhost --trust "$WORK/trust-both.pem" \
      --endpoints 16 --ramp 10s --duration "$STEADY" --out "$WORK/reports" --name "steady-$v" >/dev/null 2>&1
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
  rate=$(jq -r '.measured.fullPerSecond' "$WORK/reports/steady-$v.json")

  # 2. the storm: N held endpoints, the server restarts once (with the rotated certificate for rotate*)
  port=$(free_port)
  restart=$(( $(seconds "$RAMP") + $(seconds "$SETTLE") + 3 ))s
  rotate=(); case "$v" in rotate*) rotate=(--rotate-key "$B/leaf.key" --rotate-chain "$B/chain.pem") ;; esac
  jitter=(); case "$v" in *nojitter) jitter=(--no-jitter) ;; esac
  start_server "$WORK/storm-$v.log" "$port" --restart-after "$restart" "${rotate[@]}"
  "$JAVA" -jar "$FLEET" load --target "127.0.0.1:$port" --dial-host localhost --trust "$WORK/trust-both.pem" --hold \
      --endpoints "$N" --ramp "$RAMP" --duration "$DURATION" "${jitter[@]}" --server-pid "$SERVER" \
      --out "$WORK/reports" --name "storm-$v" >"$WORK/load-$v.log" 2>&1 || true
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
  grep -q '^restarted' "$WORK/storm-$v.log" || die "$v: the server did not restart within the run: $(tail -2 "$WORK/storm-$v.log")"
  jq -r --arg v "$v" --arg rate "$rate" --arg n "$N" --arg load "$(cut -d' ' -f1 /proc/loadavg)" '
    (.events | map(select(.name | startswith("connections dropped"))) | first) as $e
    | (1.5 * ($n|tonumber) / ($rate|tonumber) + 0.1) as $bound
    | "| \($v) | \($rate|tonumber|round) | \(if $e == null then "no drop seen" elif $e.allConnectedAfterSeconds < 0 then "not all back" else ($e.allConnectedAfterSeconds*100|round/100) end)"
      + " | \($bound*10|round/10) | \(if $e != null and $e.allConnectedAfterSeconds >= 0 and $e.allConnectedAfterSeconds <= $bound then "yes" else "no" end)"
      + " | \(if $e == null then "-" else ($e.peakPerSecond|round) end) | \(if $e == null then "-" else $e.failuresAfter end)"
      + " (\(.failuresByReason | to_entries | map("\(.key) \(.value)") | join(", ")))"
      + " | \([.series[] | select(.measuring)] | last | .connectionsOpen) | \($load) |"' "$WORK/reports/storm-$v.json"
done
echo "reports: $WORK/reports (storm-*.html marks the drop on the throughput chart)"
