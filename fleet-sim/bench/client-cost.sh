#!/usr/bin/env bash
# The load generator's own cost: client CPU per full TLS 1.3 handshake of `tlslab-fleet load` next to
# `openssl s_time -new` (OpenSSL's own handshake timer), against the same server in the same run.
# A load generator that costs more CPU per handshake than the server it measures measures itself;
# this says how far from that the fleet is.
#
# Client CPU per handshake = the client process's CPU time (user + system, all threads) in the measured
# window divided by the handshakes in it. For s_time that is the whole run (/usr/bin/time; it starts
# in milliseconds); for the fleet the window after its warm-up (the fleet reads /proc itself), so the
# JVM's start-up and JIT warm-up are excluded, which is what a long load run pays per handshake.
# s_time opens one connection at a time, so the fleet runs once with 1 endpoint (the same shape)
# and once with ENDPOINTS endpoints. Validation, stated per row:
#   s_time       none (no -verify)            fleet --validate off: none either
#   s_time       -verify (chain to the CA)    fleet --validate strict: chain, dates, host name, the
#                                             strict checks (docs/behaviour.md)
# Server: nginx with 2 workers by default (a peer neither client is tuned for), ECDSA P-256, X25519.
#
# Usage: fleet-sim/bench/client-cost.sh                (about 4 x (WARMUP+DURATION) + 2 x DURATION)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java SERVER=authority-openssl CERT=rsa fleet-sim/bench/client-cost.sh
# Needs: nginx libnginx-mod-stream (or SERVER=authority-openssl), jq, a built tree
# (mvn -DskipTests -pl fleet-sim -am package).
set -euo pipefail
cd "$(dirname "$0")/../.."

JAVA=${JAVA:-java}
SERVER_JAVA=${SERVER_JAVA:-$JAVA}
SERVER=${SERVER:-nginx-2}
CERT=${CERT:-ec}
ENDPOINTS=${ENDPOINTS:-16}
WARMUP=${WARMUP:-20s}
DURATION=${DURATION:-15s}
WORK=${WORK:-fleet-sim/target/client-cost}
FLEET=fleet-sim/target/tlslab-fleet.jar
CA=cert-authority/target/tlslab-ca.jar
NGINX_MODULES=${NGINX_MODULES:-/usr/lib/nginx/modules}

die() { echo "client-cost: $*" >&2; exit 2; }
[ -f "$FLEET" ] && [ -f "$CA" ] || die "build first: mvn -q -DskipTests -pl fleet-sim -am package"
command -v jq >/dev/null || die "jq not found: apt-get install jq"
[ -x /usr/bin/time ] || die "/usr/bin/time not found: apt-get install time"
case "$DURATION" in *s) secs=${DURATION%s} ;; *) die "DURATION must be in seconds, e.g. 15s" ;; esac

rm -rf "$WORK" && mkdir -p "$WORK/reports"
WORK=$(cd "$WORK" && pwd)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

. fleet-sim/bench/lib/servers.sh
mint_certs "$CERT"
trust="$(cert_dir "$CERT")/trust.pem"
port=$(free_port)
start_named_server "$SERVER" "$CERT" "$port"

RESULTS="$WORK/results.tsv"
: >"$RESULTS"

s_time_row() { # label [s_time options]
  local out="$WORK/s_time-$1.txt" load; load=$(cut -d' ' -f1 /proc/loadavg)
  echo "== openssl s_time -new ${*:2} (validation: $1), ${secs}s, load average $load" >&2
  /usr/bin/time -f 'cpu %U %S' openssl s_time -connect "127.0.0.1:$port" -new -tls1_3 -time "$secs" "${@:2}" \
      >"$out" 2>&1 || die "openssl s_time failed: $(tail -2 "$out")"
  python3 - "$out" "$1" "$load" >>"$RESULTS" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
n = int(re.search(r"(\d+) connections in [\d.]+ real seconds", text).group(1))
real = float(re.search(r"\d+ connections in ([\d.]+) real seconds", text).group(1))
user, system = map(float, re.search(r"cpu ([\d.]+) ([\d.]+)", text).groups())
print("\t".join(["openssl s_time", sys.argv[2], "1", f"{n / real:.0f}", f"{(user + system) * 1e6 / n:.0f}", sys.argv[3]]))
PY
}

fleet_row() { # validation endpoints
  local name="fleet-$1-$2" load; load=$(cut -d' ' -f1 /proc/loadavg)
  echo "== tlslab-fleet load --validate $1, $2 endpoints, load average $load" >&2
  "$JAVA" -jar "$FLEET" load --target "127.0.0.1:$port" --dial-host localhost --trust "$trust" \
      --engine OPENSSL --group X25519 --endpoints "$2" --ramp "$WARMUP" --duration "$DURATION" \
      --validate "$1" --out "$WORK/reports" --name "$name" >&2
  jq -r --arg v "$1" --arg e "$2" --arg load "$load" \
    '["tlslab-fleet load", $v, $e, .measured.fullPerSecond, .cpu.clientMicrosPerHandshake, $load] | @tsv' \
    "$WORK/reports/$name.json" >>"$RESULTS"
}

s_time_row none
fleet_row off 1
fleet_row off "$ENDPOINTS"
s_time_row chain -verify 4 -CAfile "$trust"
fleet_row strict 1
fleet_row strict "$ENDPOINTS"

{
  echo "Client CPU per full TLS 1.3 handshake (X25519), server $SERVER, certificate $CERT; fleet engine OPENSSL"
  echo "(BoringSSL), warm-up $WARMUP excluded, $DURATION measured; s_time: $(openssl version), whole run."
  echo "java: $("$JAVA" -version 2>&1 | head -1); cores: $(nproc); $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  python3 - "$RESULTS" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
peer = {"none": None, "chain": None}
for client, validation, endpoints, rate, cpu, load in rows:
    if client == "openssl s_time":
        peer[validation] = float(cpu)
print("| client | validation | endpoints | hs/s | client CPU µs/hs | s_time's CPU ÷ this (same validation row) | load avg |")
print("|---|---|---:|---:|---:|---:|---:|")
same = {"off": "none", "strict": "chain", "none": "none", "chain": "chain"}
for client, validation, endpoints, rate, cpu, load in rows:
    ref = peer[same[validation]]
    ratio = f"{ref / float(cpu):.2f}" if ref and float(cpu) > 0 else "-"
    shown = {"none": "none", "chain": "chain (-verify)", "off": "off", "strict": "strict"}[validation]
    print(f"| {client} | {shown} | {endpoints} | {float(rate):,.0f} | {float(cpu):,.0f} | {ratio} | {load} |")
PY
} | tee "$WORK/results.md"
