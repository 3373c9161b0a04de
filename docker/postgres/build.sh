#!/usr/bin/env bash
# Build tlslab/postgres:15 without pulling anything: FROM scratch + the installed Debian postgresql-15
# binaries, their shared libraries (found with ldd), busybox for the entrypoint's shell.
#
#   docker/postgres/build.sh           # -> tlslab/postgres:15 (installs Debian's postgresql if absent, as root)
#   IMAGE=my/pg:15 docker/postgres/build.sh
set -euo pipefail
cd "$(dirname "$0")"
IMAGE=${IMAGE:-tlslab/postgres:15}
PG=/usr/lib/postgresql/15

die() { echo "postgres-image: $*" >&2; exit 1; }
docker info >/dev/null 2>&1 || die "no Docker engine answers (start one with docker/engine.sh start)"
if [ ! -x "$PG/bin/postgres" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15 >/dev/null 2>&1 || true
fi
[ -x "$PG/bin/postgres" ] || die "$PG/bin/postgres missing (apt-get install postgresql-15)"
if [ ! -x /bin/busybox ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q busybox-static >/dev/null 2>&1 || true
fi
[ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1 || die "a static busybox is needed (apt-get install busybox-static)"

CTX=$(mktemp -d /tmp/tlslab-pgimg.XXXXXX)
trap 'rm -rf "$CTX"' EXIT
ROOT="$CTX/rootfs"
mkdir -p "$ROOT$PG/bin" "$ROOT$PG/lib" "$ROOT/usr/share/postgresql" "$ROOT/etc" "$ROOT/tmp" \
  "$ROOT/usr/local/bin" "$ROOT/bin" "$CTX/home/data"
for b in postgres initdb pg_ctl psql pg_isready; do cp -L "$PG/bin/$b" "$ROOT$PG/bin/"; done
# loadable modules initdb and the server need (plpgsql, snowball dictionaries, ...); no LLVM JIT
find "$PG/lib" -maxdepth 1 -name '*.so' ! -name 'llvmjit*' -exec cp -L {} "$ROOT$PG/lib/" \;
cp -rL /usr/share/postgresql/15 "$ROOT/usr/share/postgresql/"
[ -d /usr/share/zoneinfo ] && cp -rL /usr/share/zoneinfo "$ROOT/usr/share/" 2>/dev/null || true
LIBS=$( { find "$ROOT$PG" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null || true; } \
  | awk '/=>/ && $3 ~ /^\// {print $3} /^\t\/lib/ {print $1}' | sort -u)
for lib in $LIBS /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/libgcc_s.so.1; do
  [ -e "$lib" ] || continue
  mkdir -p "$ROOT$(dirname "$lib")"
  cp -L "$lib" "$ROOT$lib"
done
cp /bin/busybox "$ROOT/bin/busybox"
for cmd in sh cat mkdir chmod rm printf echo sleep ls; do ln -s busybox "$ROOT/bin/$cmd"; done
cp entrypoint.sh "$ROOT/usr/local/bin/tlslab-postgres-entrypoint"
chmod 755 "$ROOT/usr/local/bin/tlslab-postgres-entrypoint"
cat >"$ROOT/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
postgres:x:999:999:PostgreSQL:/var/lib/postgresql:/bin/sh
P
printf 'root:x:0:\npostgres:x:999:\n' >"$ROOT/etc/group"
echo 'hosts: files dns' >"$ROOT/etc/nsswitch.conf"
chmod 1777 "$ROOT/tmp"
cp Dockerfile "$CTX/Dockerfile"
docker build -q -t "$IMAGE" "$CTX" >"$CTX/build.log" 2>&1 || { cat "$CTX/build.log" >&2; die "docker build failed"; }
echo "postgres-image: built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
