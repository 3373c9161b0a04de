#!/usr/bin/env bash
# The article "Configure TLS strict certificate validation" against the Swarm stack (docker/stack.yml):
# two authority servers with their store in ONE PostgreSQL, the endpoints as a replicated service
# (3 x 6.5), the consoles published. Run through docker/demo.sh --swarm.
#
#   docker/demo.sh --swarm               # fix step: CA-signed certificates + useHttpsCertificate + restart
#   docker/demo.sh --swarm --allowlist   # instead: the trustedFingerprints allowlist, pushed before the
#                                        # next handshake (a refusing endpoint cannot receive it)
#
# Needs a Docker engine (docker/engine.sh start). Makes a single-node swarm if the engine is in none
# (and leaves it at the end, only then); builds the jars and images that are missing (tlslab/ca,
# tlslab/server, tlslab/client, tlslab/postgres); always removes the stack and its volumes at the end,
# on failure and on Ctrl-C. Every wait is bounded (TLSLAB_DEMO_WAIT seconds per wait, default 240).
set -euo pipefail
cd "$(dirname "$0")/.."

FIX=certificate
for arg in "$@"; do
  case "$arg" in
    --swarm) ;;
    --allowlist) FIX=allowlist ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "usage: docker/demo.sh --swarm [--allowlist]" >&2; exit 2 ;;
  esac
done

export TLSLAB_ADMIN_PASSWORD=${TLSLAB_ADMIN_PASSWORD:-tlslab-demo}
export TLSLAB_TAG=${TLSLAB_TAG:-dev}
STACK=${TLSLAB_STACK:-tlslab-demo}
WAIT_SECONDS=${TLSLAB_DEMO_WAIT:-240}
REPLICAS=3
USE_HTTPS=c42.sabre.server.certificate.useHttpsCertificate
STRICT=c42.sabre.client.certificate.strictValidation
FINGERPRINTS=c42.sabre.server.certificate.trustedFingerprints
# a strict endpoint's accepted handshake: "mode strict" (the chain validated) or "mode allowlisted"
# (strict checks overridden by the trustedFingerprints allowlist)
STRICT_ACCEPT='handshake: +ACCEPT.*mode (strict|allowlisted)'
STEP=0
START=$SECONDS

step() { STEP=$((STEP + 1)); printf '\n\033[1m== Step %d: %s\033[0m   [%ds]\n' "$STEP" "$*" $((SECONDS - START)); }
say() { printf '   %s\n' "$*"; }
die() { printf '\ndemo: %s\n' "$*" >&2; exit 1; }

# ---- cleanup: always remove the stack; leave the swarm only if this script made it --------------
CREATED_SWARM=false
DEPLOYED=false
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if $DEPLOYED; then
    local t0=$SECONDS
    printf '\n   removing stack %s ...\n' "$STACK"
    docker stack rm "$STACK" >/dev/null 2>&1 || true
    local deadline=$((SECONDS + 60))
    while [ -n "$(docker ps -aq --filter "label=com.docker.stack.namespace=$STACK")" ] && [ $SECONDS -lt $deadline ]; do sleep 1; done
    docker volume rm "${STACK}_certs" "${STACK}_pgdata" >/dev/null 2>&1 || true
    while docker network inspect "${STACK}_default" >/dev/null 2>&1 && [ $SECONDS -lt $deadline ]; do sleep 1; done
    printf '   stack %s removed (%d s)\n' "$STACK" $((SECONDS - t0))
  fi
  if $CREATED_SWARM; then
    docker swarm leave --force >/dev/null 2>&1 && printf '   left the single-node swarm this demo created\n'
  fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- the stack's services -------------------------------------------------------------------
svc() { echo "${STACK}_$1"; }
container() { # <service>: the running container of its (single) task
  docker ps -q --filter "label=com.docker.swarm.service.name=$(svc "$1")" --filter status=running | head -1
}
# Logs are read from the tasks' containers, oldest first, each read bounded: `docker service logs`
# can hang on this engine (20.10) once a task was replaced. Every line is prefixed with its task's slot.
containers_of() { # <service>: "<created> <id> <slot>" of every container of its tasks, oldest first
  docker ps -a --filter "label=com.docker.swarm.service.name=$(svc "$1")" \
    --format '{{.CreatedAt}}|{{.ID}}|{{.Label "com.docker.swarm.task.name"}}' | sort | \
    awk -F'|' '{split($3, t, "."); print $2, t[2]}'
}
logs() { # <service>: "<slot>| <line>" for every line of its tasks
  local id slot
  containers_of "$1" | while read -r id slot; do
    timeout 20 docker logs "$id" 2>&1 | sed "s/^/$slot| /" || true
  done
}
count_logs() { logs "$1" | grep -c -E "$2" || true; }
await() { # <what> <command...>: run the check every second until it succeeds, bounded
  local what=$1 began=$SECONDS deadline=$((SECONDS + WAIT_SECONDS)) last=$SECONDS
  shift
  until "$@"; do
    [ $SECONDS -lt $deadline ] || die "$what: not within ${WAIT_SECONDS}s"
    if [ $((SECONDS - last)) -ge 20 ]; then say "... $((SECONDS - began)) s waiting for: $what"; last=$SECONDS; fi
    sleep 1
  done
}
logged_at_least() { [ "$(count_logs "$1" "$2")" -ge "$3" ]; }

# tlslab-server inside a server's container (the console listens on 127.0.0.1:4285 there)
server() {
  local svc=$1 c
  shift
  c=$(container "$svc")
  [ -n "$c" ] || die "no running container for $(svc "$svc")"
  docker exec -i "$c" java -XX:TieredStopAtLevel=1 -jar /opt/tlslab/tlslab-server.jar "$@"
}
console() { local svc=$1; shift; say "$svc> $*"; server "$svc" cli --url https://127.0.0.1:4285 --insecure "$*" | sed 's/^/   | /'; }
import_cert() { # <server> <scenario>
  server "$1" cert import --url https://127.0.0.1:4285 --insecure \
    --file "/certs/$1/$2/keystore.p12" --password changeit >/dev/null
  say "$1: installed its own /certs/$1/$2/keystore.p12 (minted for '$1') on its console"
}
restart_server() { # <server>: a new task (docker service update --force), waits for its banner
  local before
  before=$(count_logs "$1" 'is running')
  docker service update --force --detach "$(svc "$1")" >/dev/null
  await "$1 restarted" logged_at_least "$1" 'is running' $((before + 1))
}
banner_value() { # <server> <regex before the value>: from the latest banner
  logs "$1" | grep -E "$2" | tail -1 | sed -E "s/.*$2 *//; s/ .*//"
}
messaging_sha256() { logs "$1" | grep -A1 -E 'messaging +' | awk '/certificate SHA-256/ {fp=$NF} END {print fp}'; }
strict_in_effect_on() { server "$1" cli --url https://127.0.0.1:4285 --insecure "setting.show system $STRICT" 2>/dev/null | grep -q '= true'; }

# ---- the endpoints: one replicated service; a replica's log lines carry its slot ----------------
replica_logs() { logs endpoint | grep -E "^$1\| " | sed -E 's/^[^|]*\| //'; }
replica_counts() { # <regex>: "<slot> <count>" per replica, from one read of the service's logs
  local all n
  all=$(logs endpoint | grep -E "$1" | cut -d'|' -f1 || true)
  for n in $(seq 1 $REPLICAS); do echo "$n $(grep -c -x "$n" <<<"$all" || true)"; done
}
declare -A MARKS
mark() { local n c; while read -r n c; do MARKS[$n]=$c; done < <(replica_counts "$1"); }
all_replicas_logged_since_mark() { # <regex>
  local n c
  while read -r n c; do [ "$c" -gt "${MARKS[$n]:-0}" ] || return 1; done < <(replica_counts "$1")
}
fleet() {
  local n
  for n in $(seq 1 $REPLICAS); do
    printf '   endpoint.%d  %s\n' "$n" "$(replica_logs "$n" | grep -E 'handshake: +[A-Z]' | tail -1 | sed -E 's/.*handshake: +//')"
  done
}

# ---------------------------------------------------------------------------------------------
docker info >/dev/null 2>&1 || die "no Docker engine answers (docker/engine.sh start)"

step "Swarm, jars and images"
case "$(docker info --format '{{.Swarm.LocalNodeState}}')" in
  inactive)
    docker swarm init --advertise-addr 127.0.0.1 >/dev/null
    CREATED_SWARM=true
    say "made a single-node swarm (docker swarm init); the demo leaves it at the end" ;;
  active)
    [ "$(docker info --format '{{.Swarm.ControlAvailable}}')" = true ] || die "this engine is a swarm worker: run the demo on a manager"
    say "using the swarm this engine is in (left as it is at the end)" ;;
  *) die "the engine's swarm state is $(docker info --format '{{.Swarm.LocalNodeState}}'): expected inactive or active" ;;
esac
if ! ls cert-authority/target/tlslab-ca.jar authority-server/target/tlslab-server.jar \
     endpoint-client/target/tlslab-client.jar >/dev/null 2>&1; then
  say "building the jars with Maven (one to three minutes)..."
  mvn -q -DskipTests -pl cert-authority,authority-server,endpoint-client -am package
fi
docker/build-images.sh ca server client | sed 's/^/   /'
if [ -z "${TLSLAB_POSTGRES_IMAGE:-}" ] && ! docker image inspect tlslab/postgres:15 >/dev/null 2>&1; then
  docker/postgres/build.sh | sed 's/^/   /'
fi

step "Deploy the stack: PostgreSQL, CA job, authority + authority-2 on that one database, $REPLICAS endpoints (6.5)"
docker stack rm "$STACK" >/dev/null 2>&1 || true
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while port_busy "$p"; do p=$((p + 10000)); [ "$p" -lt 65536 ] || die "no free port near $1"; done; echo "$p"; }
export TLSLAB_CONSOLE_PORT=${TLSLAB_CONSOLE_PORT:-$(free_port 4285)}
export TLSLAB_CONSOLE_PORT_2=${TLSLAB_CONSOLE_PORT_2:-$(free_port 4385)}
DEPLOY_AT=$SECONDS
DEPLOYED=true
docker stack deploy -c docker/stack.yml "$STACK" 2>&1 | grep -v -i 'detach' | sed 's/^/   /'
await "authority started on PostgreSQL" logged_at_least authority 'is running' 1
await "authority-2 started on PostgreSQL" logged_at_least authority-2 'is running' 1
MARKS=() # a new stack: every replica from zero
await "every endpoint connected" all_replicas_logged_since_mark 'handshake: +ACCEPT'
DEPLOY_SECONDS=$((SECONDS - DEPLOY_AT))
say "deployed and connected in ${DEPLOY_SECONDS} s; consoles https://127.0.0.1:$TLSLAB_CONSOLE_PORT/console and :$TLSLAB_CONSOLE_PORT_2 (admin / $TLSLAB_ADMIN_PASSWORD)"
say "servers present their self-signed certificates; endpoints are not strict yet, so they connect and"
say "audit what strict validation would reject:"
fleet
replica_logs 1 | grep -m1 -E 'audit: +[A-Z]' | sed 's/^/   /' || true

step "Two servers, one database: each has its own identity and certificate there"
for s in authority authority-2; do
  say "$(printf '%-12s id %s, server name %s, 4287 certificate SHA-256 %s' "$s" \
    "$(banner_value "$s" 'tlslab authority server')" "$(banner_value "$s" 'server name')" "$(messaging_sha256 "$s")")"
done
pg=$(container postgres)
if [ -n "$pg" ] && rows=$(docker exec -e PGPASSWORD="${TLSLAB_DB_PASSWORD:-tlslab-demo-db}" "$pg" \
      psql -h 127.0.0.1 -U tlslab -d tlslab -At -F ' ' \
      -c 'SELECT server_name, purpose, origin FROM keystore ORDER BY 1, 2' 2>/dev/null); then
  say "keystore rows in PostgreSQL (server_name, purpose, origin):"
  printf '%s\n' "$rows" | sed 's/^/   | /'
fi

step "setting.set system $STRICT true   (on authority's console)"
mark 'strictValidation=true'
console authority "setting.set system $STRICT true"
await "every endpoint received strictValidation=true" all_replicas_logged_since_mark 'settings: .*strictValidation=true'
say "pushed to the connected endpoints; they validate strictly from their next handshake."
say "authority-2 shares the environment's settings through the database (in effect there within 2 s):"
await "the setting in effect on authority-2" strict_in_effect_on authority-2
console authority-2 "setting.show system $STRICT"

if [ "$FIX" = allowlist ]; then
  # Settings reach an endpoint over its connection: one that has already refused the certificate is
  # not connected and cannot hear the allowlist, so it goes in before the next handshake.
  step "prop.set $FINGERPRINTS <SHA-1> save all   (allowlist the served self-signed certificate)"
  SHA1=$(replica_logs 1 | grep -E 'audit: strict validation would reject' | tail -1 | sed -E 's/.* sha1=([0-9A-F:]+).*/\1/')
  [ -n "$SHA1" ] || die "no SHA-1 of the served certificate in the endpoints' audit"
  say "the certificate authority serves on 4287 has SHA-1 $SHA1 (from the endpoints' audit)"
  mark "trustedFingerprints=.*${SHA1:0:8}"
  FIX_AT=$SECONDS
  console authority "prop.set $FINGERPRINTS $SHA1 save all"
  await "every endpoint received the allowlist" all_replicas_logged_since_mark "trustedFingerprints=.*${SHA1:0:8}"
  say "pushed while the endpoints are connected (one that had already refused could not receive it)"
  step "Next handshake: restart authority; the strict endpoints accept its self-signed certificate"
  mark "$STRICT_ACCEPT"
  restart_server authority
  REPLICATED_KEY=$FINGERPRINTS
else
  step "Next handshake: restart authority; the 6.x endpoints now refuse its self-signed certificate"
  mark 'handshake: +REJECT:SELF_SIGNED'
  REJECT_AT=$SECONDS
  restart_server authority
  await "every endpoint refused the self-signed certificate" all_replicas_logged_since_mark 'handshake: +REJECT:SELF_SIGNED'
  say "all $REPLICAS refused it ($((SECONDS - REJECT_AT)) s after the restart began); they send nothing and retry with backoff:"
  fleet
  replica_logs 1 | grep -E 'failed: ' | tail -1 | sed 's/^/   /' || true

  mark "$STRICT_ACCEPT"
  step "Fix: a CA-signed certificate on each server's console, prop.set $USE_HTTPS true save all, restart"
  import_cert authority valid-rsa-2048
  import_cert authority-2 valid-rsa-2048
  FIX_AT=$SECONDS
  console authority "prop.set $USE_HTTPS true save all"
  say "(4288 between the two: each accepts the certificates the other holds in their shared database)"
  docker service update --force --detach "$(svc authority-2)" >/dev/null
  restart_server authority
  await "authority-2 restarted" logged_at_least authority-2 'is running' 2
  say "4287 now presents the console's CA-signed certificate:"
  for s in authority authority-2; do
    say "$(printf '%-12s 4287 SHA-256 %s (minted for %s: %s)' "$s" \
      "$(messaging_sha256 "$s")" "$s" \
      "$(docker exec "$(container "$s")" cat "/certs/$s/valid-rsa-2048/leaf.sha256" | tr -d '\r\n')")"
  done
  REPLICATED_KEY=$USE_HTTPS
fi
await "every endpoint connected in strict mode" all_replicas_logged_since_mark "$STRICT_ACCEPT"
BACK_SECONDS=$((SECONDS - FIX_AT))
step "The fleet is back, validating strictly (${BACK_SECONDS} s after the fix command)"
fleet
[ "$FIX" = allowlist ] && { replica_logs 1 | grep -m1 -E 'overridden: ' | sed 's/^/   /' || true; }

step "On authority-2: the value came over 4288 (save all), the setting through the shared database"
console authority-2 "prop.show $REPLICATED_KEY"
logs authority-2 | grep -E 'replicated prop\.set' | tail -1 | sed -E 's/^[^|]*\| +/   /' || true
console authority-2 "setting.show system $STRICT"

printf '\n\033[1mDone.\033[0m deploy to all endpoints connected: %d s; fix command to all endpoints back (strict): %d s; total %d s\n' \
  "$DEPLOY_SECONDS" "$BACK_SECONDS" $((SECONDS - START))
