#!/usr/bin/env bash
# Starts the whole support platform on this machine with nothing installed but a JDK (>= 21):
# embedded PostgreSQL, Kafka and Redis, the five services and the gateway on http://localhost:8080.
#
#   deploy/local/run.sh            build what changed, start, Ctrl-C to stop
#
# Settings (environment): ROOT_API_KEY (else one is generated and kept in the data folder), LOCAL_DATA_DIR
# (default ./.local-data), LOCAL_BASE_PORT (8080; services take the next five), LOCAL_POSTGRES_PORT (15432),
# LOCAL_REDIS_PORT (16379), LOCAL_STARTUP_TIMEOUT (seconds, 180), LOCAL_SERVICES
# (comma-separated subset), LOCAL_JVM_OPTS (extra flags for every service JVM), LOCAL_SKIP_BUILD=1 (never build),
# JAVA_HOME. deploy/README.md says what the launcher does and what the data folder holds.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export REPO_DIR
LAUNCHER_JAR="$REPO_DIR/deploy/local/target/local-launcher-exec.jar"
MODULES="gateway chat-service crm-service knowledge-service escalation-service analytics-service"

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

pick_java() {
  local candidate
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" \
      /usr/lib/jvm/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
      echo "$candidate"
      return
    fi
  done
  echo "deploy/local/run.sh: needs a JDK 21 or newer (set JAVA_HOME)" >&2
  exit 1
}

JAVA="$(pick_java)"
export JAVA_HOME="$(cd "$(dirname "$JAVA")/.." && pwd)"

# Builds the reactor when an exec jar is missing or older than a source or pom it is made from.
needs_build() {
  [ -f "$LAUNCHER_JAR" ] || return 0
  local module jar
  for module in $MODULES; do
    jar="$REPO_DIR/$module/target/$module-exec.jar"
    [ -f "$jar" ] || return 0
    if [ -n "$(find "$REPO_DIR/$module/src" "$REPO_DIR/$module/pom.xml" "$REPO_DIR/common" "$REPO_DIR/pom.xml" \
        -newer "$jar" -type f -not -path '*/target/*' -print -quit 2>/dev/null)" ]; then
      return 0
    fi
  done
  [ -n "$(find "$REPO_DIR/deploy/local/src" "$REPO_DIR/deploy/local/pom.xml" -newer "$LAUNCHER_JAR" -type f \
      -print -quit)" ]
}

if [ "${LOCAL_SKIP_BUILD:-0}" != "1" ] && needs_build; then
  echo "Building the platform (./mvnw -q -DskipTests install)..."
  (cd "$REPO_DIR" && ./mvnw -q -DskipTests install)
fi

launcher_opts=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k)
if [ "$(java_major "$JAVA")" -ge 24 ]; then
  # Kafka's client still calls sun.misc.Unsafe; JDK 24+ warns about it on every start.
  launcher_opts+=(--sun-misc-unsafe-memory-access=allow)
fi

if ! command -v setsid >/dev/null; then
  exec "$JAVA" "${launcher_opts[@]}" -jar "$LAUNCHER_JAR"
fi
# The launcher gets its own session so that Ctrl-C reaches only this script, which asks the launcher to stop:
# services first, then Kafka, Redis and PostgreSQL (a terminal's SIGINT would otherwise hit them all at once).
setsid "$JAVA" "${launcher_opts[@]}" -jar "$LAUNCHER_JAR" &
launcher=$!
stopping=0
trap 'stopping=1; kill -TERM "$launcher" 2>/dev/null || true' INT TERM
status=0
wait "$launcher" || status=$?
while kill -0 "$launcher" 2>/dev/null; do
  # wait returned because of the trapped signal: let the launcher finish stopping everything.
  status=0
  wait "$launcher" || status=$?
done
# Stopped on request: the JVM reports the signal (143), but this is the normal way to end it.
if [ "$stopping" = 1 ] && [ "$status" -ge 128 ]; then
  status=0
fi
exit "$status"
