# Shared by the bench scripts (sourced, not run): the peer servers, started identically for every
# script so their figures compare. Needs from the caller: die, WORK, JAVA, SERVER_JAVA, FLEET, CA,
# NGINX_MODULES and the PIDS array (every started process is appended, for the caller's cleanup).
# TICKETS=on (default) leaves nginx and HAProxy issuing TLS 1.3 session tickets after each handshake,
# their default and authority-server's (it always issues them): the same work per full handshake.
# TICKETS=off turns them off in nginx and HAProxy only (authority-server has no switch): their figures
# then leave out the ticket work that authority-server's include.

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# one certificate set per key type (ec, rsa), shared by every server
mint_certs() { # key types...
  local -A scenario=([ec]=VALID_EC_P256 [rsa]=VALID_RSA_2048)
  for c in "$@"; do
    [ -n "${scenario[$c]:-}" ] || die "unknown certificate type '$c', expected ec or rsa"
    "$JAVA" -jar "$CA" mint --scenario "${scenario[$c]}" --host localhost --out "$WORK/certs-$c" --force >/dev/null
  done
}
cert_dir() { ls -d "$WORK/certs-$1"/*/ | head -1; }

start_java_server() { # kind engine cert port [extra serve options]; SERVER_JAR (default $FLEET) is the jar run
  local log="$WORK/server-$1-$2-$3-$4.log" dir; dir=$(cert_dir "$3")
  "$SERVER_JAVA" -jar "${SERVER_JAR:-$FLEET}" serve --server "$1" --engine "$2" \
      --key "$dir/leaf.key" --chain "$dir/chain.pem" --port "$4" "${@:5}" >"$log" 2>&1 &
  PIDS+=($!); SERVER_PID=$!; SERVER_PIDS=$!
  for _ in $(seq 1 120); do grep -q '^listening on' "$log" && return 0; sleep 0.5; done
  die "$1 server did not start: $(tail -3 "$log")"
}

start_haproxy() { # cert port
  local conf="$WORK/haproxy-$1" dir tickets=""; dir=$(cert_dir "$1"); mkdir -p "$conf"
  if [ "${TICKETS:-on}" = off ]; then tickets=" no-tls-tickets"; fi
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
  bind 127.0.0.1:$2 ssl crt $conf/served.pem ssl-min-ver TLSv1.3 curves X25519$tickets
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
    ssl_session_tickets ${TICKETS:-on};
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


start_named_server() { # name cert port: one of the servers handshake-bench.sh lists
  case "$1" in
    candidate-*)
      # the same server run from another build's jar (an A/B of two builds in one run)
      [ -n "${CANDIDATE_JAR:-}" ] && [ -f "$CANDIDATE_JAR" ] || die "$1 needs CANDIDATE_JAR=<a tlslab-fleet.jar>"
      case "${1#candidate-}" in authority-*|netty-*) ;; *) die "$1: only the Java servers have a candidate build" ;; esac
      SERVER_JAR=$CANDIDATE_JAR start_named_server "${1#candidate-}" "$2" "$3" ;;
    authority-openssl) start_java_server authority OPENSSL "$2" "$3" ;;
    authority-openssl-single) start_java_server authority OPENSSL "$2" "$3" --accept-loops 0 ;;
    authority-jdk)     start_java_server authority JDK "$2" "$3" ;;
    netty-openssl)     start_java_server netty OPENSSL "$2" "$3" ;;
    nginx-*)           start_nginx "${1#nginx-}" "$2" "$3" ;;
    haproxy)           start_haproxy "$2" "$3" ;;
    *) die "unknown server '$1'" ;;
  esac
}
