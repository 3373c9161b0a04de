#!/usr/bin/env bash
# Start or stop a local Docker engine for CI and the demo on machines without systemd.
#
#   docker/engine.sh start   # install docker.io (+ docker-compose) if dockerd is absent, start it, wait
#   docker/engine.sh stop    # stop the engine, but only if `start` with the same state directory
#                            # (TLSLAB_ENGINE_STATE, default /tmp/tlslab-engine) started it
#   docker/engine.sh status  # exit 0 when an engine answers
#
# Exit code of `start`: 0 when an engine answers, 1 when none could be started (the caller decides
# whether that is fatal; .ci/run carries on and the Testcontainers tests skip themselves).
set -uo pipefail

STATE_DIR=${TLSLAB_ENGINE_STATE:-/tmp/tlslab-engine}
LOG="$STATE_DIR/dockerd.log"
STARTED_MARK="$STATE_DIR/started-by-tlslab"
PIDFILE=/var/run/docker.pid
WAIT_SECONDS=${TLSLAB_ENGINE_WAIT:-60}

say() { echo "[engine] $*"; }
loud() { echo; echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; echo "[engine] $*"; echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; echo; }

engine_answers() { docker info >/dev/null 2>&1; }

install_engine() {
  if [ "$(id -u)" != 0 ]; then
    loud "dockerd is not installed and this is not root: cannot install docker.io"
    return 1
  fi
  say "dockerd not found: installing Debian's docker.io and docker-compose (about 30 s)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q docker.io docker-compose >"$STATE_DIR/apt.log" 2>&1; then
    # a fresh machine may have stale package lists
    apt-get update -q >>"$STATE_DIR/apt.log" 2>&1
    apt-get install -y -q docker.io docker-compose >>"$STATE_DIR/apt.log" 2>&1 || {
      loud "apt-get install docker.io failed (see $STATE_DIR/apt.log)"; tail -5 "$STATE_DIR/apt.log"; return 1; }
  fi
}

start() {
  mkdir -p "$STATE_DIR"
  if engine_answers; then
    say "a Docker engine already answers: using it (and leaving it running at the end)"
    return 0
  fi
  command -v dockerd >/dev/null 2>&1 || install_engine || return 1
  if [ -f "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; then
    say "dockerd (pid $(cat "$PIDFILE")) is running but not answering yet; waiting for it"
  else
    rm -f "$PIDFILE"
    # Detached, stdin from /dev/null and output to a file: otherwise the daemon would hold the
    # caller's output pipe open and CI would never see EOF.
    setsid dockerd >"$LOG" 2>&1 </dev/null &
    echo $! >"$STARTED_MARK"
    say "started dockerd (pid $!), log: $LOG"
  fi
  local deadline=$((SECONDS + WAIT_SECONDS))
  while [ $SECONDS -lt $deadline ]; do
    if engine_answers; then
      say "engine answers: $(docker version --format 'server {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null)"
      return 0
    fi
    sleep 0.5
  done
  loud "Docker engine did not answer within ${WAIT_SECONDS}s: container tests will be SKIPPED (last log lines below)"
  tail -15 "$LOG" 2>/dev/null
  return 1
}

stop() {
  if [ ! -f "$STARTED_MARK" ]; then
    say "engine was not started by this script: leaving it alone"
    return 0
  fi
  local pid
  pid=$(cat "$PIDFILE" 2>/dev/null || cat "$STARTED_MARK")
  rm -f "$STARTED_MARK"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then say "dockerd (pid $pid) still running after 30 s"; return 1; fi
    say "stopped dockerd (pid $pid)"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) engine_answers && say "engine answers" || { say "no engine answers"; exit 1; } ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
