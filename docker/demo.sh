#!/usr/bin/env bash
# The article "Configure TLS strict certificate validation", step by step, against the compose stack:
# two authority servers, a small fleet of endpoints, certificates from a throwaway CA.
#
#   docker/demo.sh            # build what is missing, run the walk-through, leave the stack running
#   docker/demo.sh --down     # ... and remove the stack (containers, network, volumes) at the end
#   docker/demo.sh --swarm    # the same walk-through against docker/stack.yml on Docker Swarm (two
#                             # servers on one PostgreSQL), removed at the end; see docker/demo-swarm.sh
#
# Needs a Docker engine (docker/engine.sh start), docker-compose (or `docker compose`), and the jars
# (built here with Maven when missing). Each step prints what it did and what the fleet concluded.
set -euo pipefail
cd "$(dirname "$0")/.."

DOWN=false
case "${1:-}" in
  --swarm) exec docker/demo-swarm.sh "$@" ;;
  --down) DOWN=true ;;
  "") ;;
  -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
  *) echo "usage: $0 [--down | --swarm [--allowlist]]" >&2; exit 2 ;;
esac

export TLSLAB_ADMIN_PASSWORD=${TLSLAB_ADMIN_PASSWORD:-tlslab-demo}
PROJECT=tlslab-demo
if command -v docker-compose >/dev/null 2>&1; then COMPOSE=(docker-compose); else COMPOSE=(docker compose); fi
COMPOSE+=(-f docker/compose.yml -p "$PROJECT")
USE_HTTPS=c42.sabre.server.certificate.useHttpsCertificate
STRICT=c42.sabre.client.certificate.strictValidation
FINGERPRINTS=c42.pki.cert.trustedFingerprints
STEP=0
WAIT_SECONDS=${TLSLAB_DEMO_WAIT:-90}

step() { STEP=$((STEP + 1)); printf '\n\033[1m== Step %d: %s\033[0m\n' "$STEP" "$*"; }
say() { printf '   %s\n' "$*"; }
die() { printf '\ndemo: %s\n' "$*" >&2; exit 1; }

# tlslab-server inside a server container (the image has the CLI; the console is on 127.0.0.1:4285 there)
server() { local svc=$1; shift; "${COMPOSE[@]}" exec -T "$svc" java -XX:TieredStopAtLevel=1 -jar /opt/tlslab/tlslab-server.jar "$@"; }
console() { local svc=$1; shift; server "$svc" cli --url https://127.0.0.1:4285 --insecure "$*" | sed 's/^/   | /'; }
import_cert() { # <server> <scenario>
  server "$1" cert import --url https://127.0.0.1:4285 --insecure \
    --file "/certs/$1/$2/keystore.p12" --password changeit >/dev/null
  say "$1: installed /certs/$1/$2/keystore.p12 on the console (4285)"
}
# fingerprints of what the CA job minted (it writes leaf.sha1 and leaf.sha256 next to each certificate)
cert_sha1() { "${COMPOSE[@]}" exec -T "$1" cat "/certs/$1/$2/leaf.sha1" | tr -d '\r\n'; }
cert_sha256() { "${COMPOSE[@]}" exec -T "$1" cat "/certs/$1/$2/leaf.sha256" | tr -d '\r\n'; }

count_logs() { "${COMPOSE[@]}" logs --no-color "$1" 2>/dev/null | grep -c -E "$2" || true; }
await_logs() { # <service> <regex> <count>: wait until the service logged the line that often
  local deadline=$((SECONDS + WAIT_SECONDS))
  while [ "$(count_logs "$1" "$2")" -lt "$3" ]; do
    [ $SECONDS -lt $deadline ] || { "${COMPOSE[@]}" logs --no-color --tail=30 "$1"; die "$1 did not log /$2/ within ${WAIT_SECONDS}s"; }
    sleep 1
  done
}
restart_server() { # <server>
  local before
  before=$(count_logs "$1" 'is running')
  "${COMPOSE[@]}" restart "$1" >/dev/null 2>&1
  await_logs "$1" 'is running' $((before + 1))
  say "$1 restarted; 4287/4288 now present SHA-256 $(messaging_sha256 "$1")"
}
messaging_sha256() { "${COMPOSE[@]}" logs --no-color "$1" | grep -A1 -E 'messaging +' | awk '/certificate SHA-256/ {fp=$NF} END {print fp}'; }
# the latest handshake outcome each endpoint logged since the given log-line counts
outcome() { "${COMPOSE[@]}" logs --no-color "$1" | grep -E 'handshake: +[A-Z]' | tail -1 | sed -E 's/.*handshake: +//'; }
fleet() {
  for e in endpoint-1 endpoint-2 endpoint-legacy; do
    printf '   %-16s %s\n' "$e" "$(outcome "$e")"
  done
}
# mark <regex>: remember how often each endpoint logged it; await_new <endpoint> <regex>: wait for one more
declare -A MARKS
mark() { for e in endpoint-1 endpoint-2 endpoint-legacy; do MARKS[$e]=$(count_logs "$e" "$1"); done; }
await_new() { await_logs "$1" "$2" $((${MARKS[$1]} + 1)); }

# ---------------------------------------------------------------------------------------------
docker info >/dev/null 2>&1 || die "no Docker engine answers (docker/engine.sh start)"
step "Build the jars and images (once)"
if ! ls cert-authority/target/tlslab-ca.jar authority-server/target/tlslab-server.jar \
     endpoint-client/target/tlslab-client.jar fleet-sim/target/tlslab-fleet.jar >/dev/null 2>&1; then
  say "building the jars with Maven (about two minutes)..."
  mvn -q -DskipTests package
fi
docker/build-images.sh | sed 's/^/   /'

step "Start the stack: CA job, authority + authority-2, endpoints (6.5, 6.0, 5.4)"
"${COMPOSE[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
# the consoles are published on 127.0.0.1 only; when a default port is taken, use the next free one
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while port_busy "$p"; do p=$((p + 10000)); [ "$p" -lt 65536 ] || die "no free port near $1"; done; echo "$p"; }
export TLSLAB_CONSOLE_PORT=${TLSLAB_CONSOLE_PORT:-$(free_port 4285)}
export TLSLAB_CONSOLE_PORT_2=${TLSLAB_CONSOLE_PORT_2:-$(free_port 4385)}
"${COMPOSE[@]}" up -d 2>&1 | sed 's/^/   /' || die "the stack did not start (see above)"
await_logs authority 'is running' 1
await_logs authority-2 'is running' 1
for e in endpoint-1 endpoint-2 endpoint-legacy; do await_logs "$e" 'handshake: +[AR]' 1; done
say "console: https://127.0.0.1:${TLSLAB_CONSOLE_PORT:-4285}/console (admin / $TLSLAB_ADMIN_PASSWORD)"
say "servers present their default self-signed certificate; endpoints are not strict yet, so they connect"
say "and audit what strict validation would reject:"
fleet
"${COMPOSE[@]}" logs --no-color endpoint-1 | grep -m1 -E 'audit: ' | sed 's/^/   /' || true

step "Install the CA-signed certificate on each server's console (4285)"
import_cert authority valid-rsa-2048
import_cert authority-2 valid-rsa-2048

step "prop.set $USE_HTTPS true save  (on each server)"
say "(save all needs 4288, where the servers accept peers whose chain leads to the lab CA: after the restart)"
console authority "prop.set $USE_HTTPS true save"
console authority-2 "prop.set $USE_HTTPS true save"

step "Restart the servers: 4287 and 4288 now present the console's certificate"
restart_server authority
restart_server authority-2
say "(the CA-signed leaf minted for authority:   SHA-256 $(cert_sha256 authority valid-rsa-2048))"
say "(the CA-signed leaf minted for authority-2: SHA-256 $(cert_sha256 authority-2 valid-rsa-2048))"

step "setting.set system $STRICT true"
console authority "setting.set system $STRICT true"
await_logs endpoint-1 'strictValidation=true' 1
await_logs endpoint-2 'strictValidation=true' 1
say "pushed to the connected endpoints; the 6.x ones validate strictly from their next handshake,"
say "the 5.x one never does:"
"${COMPOSE[@]}" logs --no-color endpoint-1 | grep -m1 'settings: .*strictValidation=true' | sed 's/^/   /' || true

step "prop.set $FINGERPRINTS <SHA-1> save all  (allowlist a certificate that fails validation)"
UNTRUSTED_SHA1=$(cert_sha1 authority untrusted-root)
say "the certificate signed by a root the fleet does not trust has SHA-1 $UNTRUSTED_SHA1"
console authority "prop.set $FINGERPRINTS $UNTRUSTED_SHA1 save all"
await_logs endpoint-1 "trustedFingerprints=.*${UNTRUSTED_SHA1:0:8}" 1
mark 'handshake: +ACCEPT'
import_cert authority untrusted-root
restart_server authority
await_new endpoint-1 'handshake: +ACCEPT'
await_new endpoint-2 'handshake: +ACCEPT'
say "strict endpoints accept it because it is allowlisted, and log which checks the allowlist overrode:"
fleet
"${COMPOSE[@]}" logs --no-color endpoint-1 | grep -m1 -E 'overridden: ' | sed 's/^/   /' || true

step "What an untrusted certificate does: prop.del $FINGERPRINTS save all, restart"
console authority "prop.del $FINGERPRINTS save all"
mark 'handshake: +REJECT:UNTRUSTED_ROOT'
restart_server authority
await_new endpoint-1 'handshake: +REJECT:UNTRUSTED_ROOT'
await_new endpoint-2 'handshake: +REJECT:UNTRUSTED_ROOT'
say "strict endpoints refuse it, send nothing, and retry with backoff; the 5.x endpoint still connects:"
fleet
"${COMPOSE[@]}" logs --no-color endpoint-1 | grep -E 'failed: ' | tail -1 | sed 's/^/   /' || true

step "Fix it: reinstall the CA-signed certificate and restart; the fleet recovers by itself"
mark 'handshake: +ACCEPT'
import_cert authority valid-rsa-2048
restart_server authority
await_new endpoint-1 'handshake: +ACCEPT'
await_new endpoint-2 'handshake: +ACCEPT'
fleet

printf '\n\033[1mDone.\033[0m '
if $DOWN; then
  "${COMPOSE[@]}" down -v >/dev/null 2>&1
  echo "Stack removed."
else
  echo "The stack keeps running: console https://127.0.0.1:${TLSLAB_CONSOLE_PORT:-4285}/console; remove it with"
  echo "  ${COMPOSE[*]} down -v"
fi
