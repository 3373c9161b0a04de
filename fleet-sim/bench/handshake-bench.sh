#!/usr/bin/env bash
# Full TLS 1.3 handshakes per second of authority-server (OpenSSL and JDK engines) against nginx's
# `stream` TLS termination (Debian packages), same certificate, same client load, loopback only.
#
# The load is `tlslab-fleet load`: N simulated endpoints on a BoringSSL client, strict validation on
# every handshake, no session resumption, key exchange pinned to X25519 on the client (every server
# then negotiates X25519). Each server runs in its own process; client and server share this
# machine's cores, identically for every server, so read the ratio, not the absolute numbers.
#
# Usage: fleet-sim/bench/handshake-bench.sh            (defaults below; about 8 x (WARMUP+DURATION))
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java fleet-sim/bench/handshake-bench.sh
#   ENDPOINTS=16 WARMUP=30s DURATION=30s REPEAT=3 CERTS="ec rsa" SERVERS="authority-openssl nginx-2" ...
# Servers run one after another, REPEAT rounds interleaved, and the table shows each one's median:
# on a shared machine the background load drifts, and interleaving spreads the drift over all servers.
# Needs: nginx and libnginx-mod-stream (apt-get install nginx libnginx-mod-stream), jq, a built
# tree (mvn -DskipTests -pl fleet-sim -am package).
set -euo pipefail
cd "$(dirname "$0")/../.."

JAVA=${JAVA:-java}
ENDPOINTS=${ENDPOINTS:-16}
WARMUP=${WARMUP:-20s}        # the ramp: excluded from the figures (the JDK engine needs a long one)
DURATION=${DURATION:-20s}
REPEAT=${REPEAT:-3}
CERTS=${CERTS:-"ec rsa"}
SERVERS=${SERVERS:-"authority-openssl authority-jdk nginx-1 nginx-2"}
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

start_authority() { # engine cert port
  local log="$WORK/server-$1-$2.log" dir; dir=$(cert_dir "$2")
  "$JAVA" -jar "$FLEET" serve --server authority --engine "$1" --key "$dir/leaf.key" --chain "$dir/chain.pem" \
      --port "$3" >"$log" 2>&1 &
  PIDS+=($!); SERVER_PID=$!
  for _ in $(seq 1 120); do grep -q '^listening on' "$log" && return 0; sleep 0.5; done
  die "authority server did not start: $(tail -3 "$log")"
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
  for _ in $(seq 1 40); do (exec 3<>/dev/tcp/127.0.0.1/"$3") 2>/dev/null && return 0; sleep 0.25; done
  die "nginx did not start: $(tail -3 "$conf/error.log")"
}

RESULTS="$WORK/results.tsv"
: >"$RESULTS"
for round in $(seq 1 "$REPEAT"); do
for c in $CERTS; do
  for s in $SERVERS; do
    port=$(free_port)
    case "$s" in
      authority-openssl) start_authority OPENSSL "$c" "$port" ;;
      authority-jdk)     start_authority JDK "$c" "$port" ;;
      nginx-*)           start_nginx "${s#nginx-}" "$c" "$port" ;;
      *) die "unknown server '$s'" ;;
    esac
    name="$c-$s-$round"
    echo "== round $round/$REPEAT $c $s: $ENDPOINTS endpoints, warm-up $WARMUP, measured $DURATION" >&2
    "$JAVA" -jar "$FLEET" load --target "127.0.0.1:$port" --dial-host localhost --trust "$(cert_dir "$c")/trust.pem" \
        --engine OPENSSL --group X25519 --endpoints "$ENDPOINTS" --ramp "$WARMUP" --duration "$DURATION" \
        --out "$WORK/reports" --name "$name" >&2
    kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true
    jq -r --arg c "$c" --arg s "$s" \
      '[$c, $s, .measured.fullPerSecond, .fullLatency.p50Millis, .fullLatency.p99Millis, .counts.failed] | @tsv' \
      "$WORK/reports/$name.json" >>"$RESULTS"
  done
done
done

{
  echo "Full TLS 1.3 handshakes/s, $ENDPOINTS endpoints (BoringSSL client, X25519, strict validation), warm-up $WARMUP excluded,"
  echo "$DURATION measured, median of $REPEAT interleaved rounds"
  echo "java: $("$JAVA" -version 2>&1 | head -1); cores: $(nproc); $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  python3 - "$RESULTS" "$REFERENCE" <<'PY'
import sys, statistics, collections
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    c, s, rate, p50, p99, failed = line.rstrip("\n").split("\t")
    rows.setdefault((c, s), []).append((float(rate), float(p50), float(p99), int(failed)))
ref = sys.argv[2]
print(f"| cert | server | hs/s (median) | runs | p50 ms | p99 ms | failed | ratio to {ref} |")
print("|---|---|---:|---|---:|---:|---:|---:|")
for (c, s), runs in rows.items():
    med = statistics.median(r[0] for r in runs)
    base = rows.get((c, ref))
    ratio = f"{med / statistics.median(r[0] for r in base):.2f}" if base else "-"
    print(f"| {c} | {s} | {med:,.0f} | {' / '.join(f'{r[0]:,.0f}' for r in runs)} | "
          f"{statistics.median(r[1] for r in runs):.2f} | {statistics.median(r[2] for r in runs):.2f} | "
          f"{sum(r[3] for r in runs)} | {ratio} |")
PY
} | tee "$WORK/results.md"
