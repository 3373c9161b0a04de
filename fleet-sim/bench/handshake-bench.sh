#!/usr/bin/env bash
# Full TLS 1.3 handshakes per second, and CPU time per handshake, of authority-server (OpenSSL and JDK
# engines) against nginx's `stream` TLS termination and HAProxy's TLS termination (Debian packages),
# same certificate, same group, same client load, loopback only.
#
# The load is `tlslab-fleet load`: N simulated endpoints on a BoringSSL client, strict validation on
# every handshake, no session resumption, key exchange pinned to X25519 on the client (every server
# then negotiates X25519). Each server runs in its own process; client and server share this
# machine's cores, identically for every server, so read the ratio, not the absolute numbers.
# CPU per handshake is process CPU time (user + system, all threads, from /proc via `load --server-pid`)
# in the measured window divided by the handshakes in it: for nginx master + workers, for HAProxy its
# one process, for authority-server its JVM (JIT and GC included). The load average is printed per run:
# on a shared machine, keep the figures from the quietest run.
#
# Usage: fleet-sim/bench/handshake-bench.sh            (defaults below; about 8 x (WARMUP+DURATION))
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java fleet-sim/bench/handshake-bench.sh
#   ENDPOINTS=16 WARMUP=30s DURATION=30s REPEAT=3 CERTS="ec rsa" SERVERS="authority-openssl nginx-2" ...
#   SERVER_JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java SERVERS="authority-jdk nginx-2" ...  (server JVM only)
#   VALIDATE=off ...   (client skips certificate validation; the table says so)
#   TICKETS=off ...    (nginx and HAProxy issue no session tickets; authority-server still does: unequal work)
# Servers run one after another, REPEAT rounds interleaved, and the table shows each one's median:
# on a shared machine the background load drifts, and interleaving spreads the drift over all servers.
# Servers: authority-openssl (default: one SO_REUSEPORT listening socket per event loop), authority-jdk
# (tlslab-fleet serve --server authority), nginx-1, nginx-2, authority-openssl-single (`--accept-loops 0`:
# one listening socket, connections handed to the worker loops),
# haproxy (threads = cores), netty-openssl (bare Netty TLS server: the floor of a Netty server).
# A/B of two builds in one run: any Java server prefixed `candidate-` runs from CANDIDATE_JAR instead of
# this tree's jar, e.g. (keep a copy of the jar built before a change, then rebuild):
#   cp fleet-sim/target/tlslab-fleet.jar /tmp/before.jar   (then change, rebuild, and swap: the tree is "after")
#   CANDIDATE_JAR=/tmp/before.jar SERVERS="authority-openssl candidate-authority-openssl nginx-2" ...
# Needs: nginx libnginx-mod-stream haproxy jq (apt-get install ...), a built
# tree (mvn -DskipTests -pl fleet-sim -am package).
set -euo pipefail
cd "$(dirname "$0")/../.."

JAVA=${JAVA:-java}
SERVER_JAVA=${SERVER_JAVA:-$JAVA}
VALIDATE=${VALIDATE:-strict}
ENDPOINTS=${ENDPOINTS:-16}
WARMUP=${WARMUP:-20s}        # the ramp: excluded from the figures (the JDK engine needs a long one)
DURATION=${DURATION:-20s}
REPEAT=${REPEAT:-3}
CERTS=${CERTS:-"ec rsa"}
SERVERS=${SERVERS:-"authority-openssl authority-jdk nginx-1 nginx-2 haproxy"}
REFERENCE=${REFERENCE:-nginx-2}
WORK=${WORK:-fleet-sim/target/bench}
FLEET=${FLEET:-fleet-sim/target/tlslab-fleet.jar}   # the client, and the server unless CANDIDATE_JAR
CA=cert-authority/target/tlslab-ca.jar
NGINX_MODULES=${NGINX_MODULES:-/usr/lib/nginx/modules}

die() { echo "handshake-bench: $*" >&2; exit 2; }
[ -f "$FLEET" ] && [ -f "$CA" ] || die "build first: mvn -q -DskipTests -pl fleet-sim -am package"
command -v nginx >/dev/null || die "nginx not found: apt-get install nginx libnginx-mod-stream"
[ -f "$NGINX_MODULES/ngx_stream_module.so" ] || die "nginx stream module missing: apt-get install libnginx-mod-stream"
command -v jq >/dev/null || die "jq not found: apt-get install jq"
case " $SERVERS " in *" haproxy "*) command -v haproxy >/dev/null || die "haproxy not found: apt-get install haproxy" ;; esac

rm -rf "$WORK" && mkdir -p "$WORK/reports"
WORK=$(cd "$WORK" && pwd)
PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

. fleet-sim/bench/lib/servers.sh
mint_certs $CERTS

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
for round in $(seq 1 "$REPEAT"); do
for c in $CERTS; do
  for s in $SERVERS; do
    port=$(free_port)
    start_named_server "$s" "$c" "$port"
    name="$c-$s-$round"
    load=$(cut -d' ' -f1 /proc/loadavg)
    echo "== round $round/$REPEAT $c $s: $ENDPOINTS endpoints, warm-up $WARMUP, measured $DURATION, load average $load" >&2
    "$JAVA" -jar "$FLEET" load --target "127.0.0.1:$port" --dial-host localhost --trust "$(cert_dir "$c")/trust.pem" \
        --engine OPENSSL --group X25519 --endpoints "$ENDPOINTS" --ramp "$WARMUP" --duration "$DURATION" \
        --validate "$VALIDATE" --server-pid "$SERVER_PIDS" --out "$WORK/reports" --name "$name" >&2
    kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true
    jq -r --arg c "$c" --arg s "$s" --arg load "$load" \
      '[$c, $s, .measured.fullPerSecond, .fullLatency.p50Millis, .fullLatency.p99Millis, .counts.failed,
        .cpu.serverMicrosPerHandshake, .cpu.clientMicrosPerHandshake, $load] | @tsv' \
      "$WORK/reports/$name.json" >>"$RESULTS"
  done
done
done

{
  echo "Full TLS 1.3 handshakes/s (no resumption), $ENDPOINTS endpoints: BoringSSL client (tlslab-fleet load), key exchange"
  echo "X25519 pinned, client validation: $VALIDATE; certificates: ECDSA P-256 (ec) / RSA-2048 (rsa) leaf <- intermediate <- root;"
  echo "warm-up $WARMUP excluded, $DURATION measured, median of $REPEAT interleaved rounds; CPU = process CPU / handshake."
  echo "client java: $("$JAVA" -version 2>&1 | head -1); server java: $("$SERVER_JAVA" -version 2>&1 | head -1)"
  echo "nginx: $(nginx -v 2>&1 | sed 's/.*: //'); haproxy: $(command -v haproxy >/dev/null && haproxy -v | head -1 | cut -d' ' -f3 || echo -); $(openssl version)"
  echo "session tickets issued after each handshake by nginx and HAProxy: ${TICKETS:-on} (authority-server: on)"
  echo "cores: $(nproc); $(date -u +%Y-%m-%dT%H:%MZ); load average per run (1 min) in the last column"
  echo
  python3 - "$RESULTS" "$REFERENCE" <<'PY'
import sys, statistics, collections
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    c, s, rate, p50, p99, failed, scpu, ccpu, load = line.rstrip("\n").split("\t")
    rows.setdefault((c, s), []).append((float(rate), float(p50), float(p99), int(failed), float(scpu), float(ccpu), float(load)))
ref = sys.argv[2]
print(f"| cert | server | hs/s (median) | runs | server CPU µs/hs | client CPU µs/hs | p50 ms | p99 ms | failed | ratio to {ref} | load avg |")
print("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---|")
med = lambda runs, i: statistics.median(r[i] for r in runs)
for (c, s), runs in rows.items():
    base = rows.get((c, ref))
    ratio = f"{med(runs, 0) / med(base, 0):.2f}" if base else "-"
    print(f"| {c} | {s} | {med(runs, 0):,.0f} | {' / '.join(f'{r[0]:,.0f}' for r in runs)} | "
          f"{med(runs, 4):,.0f} | {med(runs, 5):,.0f} | {med(runs, 1):.2f} | {med(runs, 2):.2f} | "
          f"{sum(r[3] for r in runs)} | {ratio} | {' / '.join(f'{r[6]:.1f}' for r in runs)} |")
PY
} | tee "$WORK/results.md"
