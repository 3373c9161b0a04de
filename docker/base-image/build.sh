#!/usr/bin/env bash
# Build the local base image tlslab/jre:17 without pulling anything: FROM scratch + a jlinked Java
# runtime made from the installed JDK + exactly the shared libraries that runtime (and Netty's
# native epoll / BoringSSL libraries) link against + busybox for a shell (if installed).
#
# Why: machines of this project cannot reach any container registry, so `eclipse-temurin:17-jre`
# cannot be pulled. Normal users do not need this script: the Dockerfiles default to that public image.
#
#   docker/base-image/build.sh            # builds tlslab/jre:17
#   IMAGE=my/jre:17 docker/base-image/build.sh
#   JAVA_MODULES=java.base,... docker/base-image/build.sh   # other module set
set -euo pipefail

IMAGE=${IMAGE:-tlslab/jre:17}
# The modules the tlslab jars use (checked with jdeps on the shaded jars): Netty needs jdk.unsupported,
# Logback java.naming + java.xml, H2 java.sql, Micrometer java.management + jdk.management, EC keys
# jdk.crypto.ec. java.desktop (AWT) is left out on purpose: it drags in X11 libraries.
JAVA_MODULES=${JAVA_MODULES:-java.base,java.logging,java.naming,java.sql,java.management,jdk.management,java.xml,java.net.http,java.security.jgss,java.instrument,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.naming.dns,jdk.zipfs,jdk.localedata,jdk.charsets}

die() { echo "base-image: $*" >&2; exit 1; }
command -v docker >/dev/null || die "docker client not found"
docker info >/dev/null 2>&1 || die "no Docker engine answers (start one with docker/engine.sh start)"

JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JLINK="$JAVA_HOME/bin/jlink"
[ -x "$JLINK" ] || die "jlink not found in $JAVA_HOME (install the JDK, not only the JRE)"
[ -d "$JAVA_HOME/jmods" ] || die "$JAVA_HOME/jmods missing (Debian: apt-get install openjdk-17-jdk-headless openjdk-17-jmods)"

CTX=$(mktemp -d /tmp/tlslab-jre.XXXXXX)
trap 'rm -rf "$CTX"' EXIT
ROOT="$CTX/rootfs"
mkdir -p "$ROOT/tmp" "$ROOT/etc"

"$JLINK" --module-path "$JAVA_HOME/jmods" --add-modules "$JAVA_MODULES" \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$ROOT/opt/java"

# Debian links the JDK's cacerts to /etc/ssl/certs/java/cacerts: put the real file in the image.
if [ -L "$ROOT/opt/java/lib/security/cacerts" ] || [ ! -s "$ROOT/opt/java/lib/security/cacerts" ]; then
  rm -f "$ROOT/opt/java/lib/security/cacerts"
  src=$(readlink -f "$JAVA_HOME/lib/security/cacerts" || true)
  if [ -s "$src" ]; then cp "$src" "$ROOT/opt/java/lib/security/cacerts"; fi
fi
# Other links into /etc would dangle inside the image: replace them by their targets.
find "$ROOT/opt/java" -type l | while read -r l; do
  t=$(readlink -f "$l" || true)
  rm -f "$l"
  if [ -f "$t" ]; then cp "$t" "$l"; fi
done

# Shared libraries: the closure of what the runtime's binaries link, plus what Netty's native
# libraries (extracted to /tmp at run time) need: libc, libdl, libpthread, librt, libm. libgcc_s is
# dlopened by glibc when a thread is cancelled; nss is built into glibc >= 2.34.
copy_lib() {
  local f=$1
  [ -e "$f" ] || return 0
  mkdir -p "$ROOT$(dirname "$f")"
  cp -L "$f" "$ROOT$f"
}
LIBS=$( { find "$ROOT/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null || true; } \
  | awk '/=>/ && $3 ~ /^\// {print $3} /^\t\/lib/ {print $1}' | sort -u)
for lib in $LIBS; do
  case "$lib" in "$ROOT"*) continue ;; esac
  copy_lib "$lib"
done
MULTIARCH=/lib/x86_64-linux-gnu
for extra in libc.so.6 libdl.so.2 libpthread.so.0 librt.so.1 libm.so.6 libz.so.1 libgcc_s.so.1; do
  copy_lib "$MULTIARCH/$extra"
done
copy_lib /lib64/ld-linux-x86-64.so.2

# A shell and the usual tools: the compose file's CA job and server commands are small shell scripts
# (the public JRE images have a shell too). Debian's busybox-static is statically linked.
if [ ! -x /bin/busybox ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q busybox-static >/dev/null 2>&1 || true
fi
# (ldd fails on a static binary: that is the one that works on scratch)
if [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; then
  mkdir -p "$ROOT/bin"
  cp /bin/busybox "$ROOT/bin/busybox"
  for cmd in sh ls cat ps wget nc env sleep awk grep sed head tail cut tr mkdir rm cp mv date; do
    ln -s busybox "$ROOT/bin/$cmd"
  done
else
  echo "base-image: no static busybox (apt-get install busybox-static): the image has no shell, docker/compose.yml needs one" >&2
fi

cat >"$ROOT/etc/passwd" <<'P'
root:x:0:0:root:/root:/bin/sh
tlslab:x:10001:10001:tlslab:/home/tlslab:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
P
cat >"$ROOT/etc/group" <<'G'
root:x:0:
tlslab:x:10001:
nogroup:x:65534:
G
echo 'hosts: files dns' >"$ROOT/etc/nsswitch.conf"
mkdir -p "$ROOT/home/tlslab"
chmod 1777 "$ROOT/tmp"

cat >"$CTX/Dockerfile" <<'D'
FROM scratch
COPY rootfs/ /
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin:/bin LANG=C.UTF-8
CMD ["java", "-version"]
D
# (the legacy builder prints a deprecation notice on stderr: show the output only on failure)
docker build -q -t "$IMAGE" "$CTX" >"$CTX/build.log" 2>&1 || { cat "$CTX/build.log" >&2; die "docker build failed"; }
echo "base-image: built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
docker run --rm "$IMAGE" java -version 2>&1 | sed -n 1p   # sed reads everything: no SIGPIPE under pipefail
