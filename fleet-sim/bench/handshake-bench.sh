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
# Servers run one after another, REPEAT rounds interleaved, and the table shows each one's median:
# on a shared machine the background load drifts, and interleaving spreads the drift over all servers.
# Servers: authority-openssl, authority-jdk (tlslab-fleet serve --server authority), nginx-1, nginx-2,
# authority-openssl-reuseport (one SO_REUSEPORT listening socket per core, `serve --accept-loops`),
# haproxy (threads = cores), netty-openssl (bare Netty TLS server: the floor of a Netty server).
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
FLEET=fleet-sim/target/tlslab-fleet.jar
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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# one certificate set per key type, shared by every server
declare -A SCENARIO=([ec]=VALID_EC_P256 [rsa]=VALID_RSA_2048)
for c in $CERTS; do
  "$JAVA" -jar "$CA" mint --scenario "${SCENARIO[$c]}" --host localhost --out "$WORK/certs-$c" --force >/dev/null
done
cert_dir() { ls -d "$WORK/certs-$1"/*/ | head -1; }

start_java_server() { # kind engine cert port [extra serve options]
  local log="$WORK/server-$1-$2-$3.log" dir; dir=$(cert_dir "$3")
  "$SERVER_JAVA" -jar "$FLEET" serve --server "$1" --engine "$2" \
      --key "$dir/leaf.key" --chain "$dir/chain.pem" --port "$4" "${@:5}" >"$log" 2>&1 &
  PIDS+=($!); SERVER_PID=$!; SERVER_PIDS=$!
  for _ in $(seq 1 120); do grep -q '^listening on' "$log" && return 0; sleep 0.5; done
  die "$1 server did not start: $(tail -3 "$log")"
}

start_haproxy() { # cert port
  local conf="$WORK/haproxy-$1" dir; dir=$(cert_dir "$1"); mkdir -p "$conf"
  cat "$dir/chain.pem" "$dir/leaf.key" >"$conf/served.pem"
  cat >"$conf/haproxy.cfg" <<CONF
global
  maxconn 9000
  tune.ssl.cachesize 0
defaults
  mode tcp
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend tls
  bind 127.0.0.1:$2 ssl crt $conf/served.pem ssl-min-ver TLSv1.3 curves X25519 no-tls-tickets
  # TLS termination only, like nginx's return "": the connection ends once the handshake is done
  tcp-request session reject
CONF
  haproxy -c -q -f "$conf/haproxy.cfg" || die "haproxy rejected $conf/haproxy.cfg"
  haproxy -db -f "$conf/haproxy.cfg" >"$conf/haproxy.log" 2>&1 &
  PIDS+=($!); SERVER_PID=$!; SERVER_PIDS=$!
  for _ in $(seq 1 40); do (exec 3<>/dev/tcp/127.0.0.1/"$2") 2>/dev/null && return 0; sleep 0.25; done
  die "haproxy did not start: $(tail -3 "$conf/haproxy.log")"
}

start_nginx() { # workers cert port
  local conf="$WORK/nginx-$1-$2" dir; dir=$(cert_dir "$2"); mkdir -p "$conf"
  cat >"$conf/nginx.conf" <<CONF
load_module $NGINX_MODULES/ngx_stream_module.so;
worker_processes $1;
pid $conf/nginx.pid;
error_log $conf/error.log warn;
events { worker_connections 8192; }
stream {
  server {
    listen 127.0.0.1:$3 ssl backlog=4096;
    ssl_certificate     $dir/chain.pem;
    ssl_certificate_key $dir/leaf.key;
    ssl_protocols TLSv1.3;
    ssl_ecdh_curve X25519;
    ssl_session_cache off;
    ssl_session_tickets off;
    return "";
  }
}
CONF
  nginx -t -q -c "$conf/nginx.conf" -p "$conf" || die "nginx rejected $conf/nginx.conf"
  nginx -c "$conf/nginx.conf" -p "$conf" -g 'daemon off;' &
  PIDS+=($!); SERVER_PID=$!
  for _ in $(seq 1 40); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$3") 2>/dev/null; then
      SERVER_PIDS=$(echo "$SERVER_PID" $(pgrep -P "$SERVER_PID") | tr ' ' ','); return 0
    fi
    sleep 0.25
  done
  die "nginx did not start: $(tail -3 "$conf/error.log")"
}

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
for round in $(seq 1 "$REPEAT"); do
for c in $CERTS; do
  for s in $SERVERS; do
    port=$(free_port)
    case "$s" in
      authority-openssl) start_java_server authority OPENSSL "$c" "$port" ;;
      authority-openssl-reuseport) start_java_server authority OPENSSL "$c" "$port" --accept-loops "$(nproc)" ;;
      authority-jdk)     start_java_server authority JDK "$c" "$port" ;;
      netty-openssl)     start_java_server netty OPENSSL "$c" "$port" ;;
      nginx-*)           start_nginx "${s#nginx-}" "$c" "$port" ;;
      haproxy)           start_haproxy "$c" "$port" ;;
      *) die "unknown server '$s'" ;;
    esac
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
