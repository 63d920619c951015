#!/usr/bin/env bash
# Intent detection benchmark through chat-service's API (method and figures: chat-service/bench/INTENTS.md).
# From the repository root, holding the machine's benchmark lock:
#   flock /tmp/platform.lock bash chat-service/bench/run-intents.sh [datasets dir] [banking77|clinc150]
# Builds chat-service, starts it on port 18181 against PostgreSQL on localhost (database support_bench_intents,
# created if missing) and Redis db 14, runs IntentBenchmark.java against it, and stops it. No Kafka broker is needed:
# the outbox keeps the events and the service's readiness says so. INTENT_BENCH_JAR=path uses an already built
# chat-service exec jar instead of building one; INTENT_BENCH_SMOKE=N cuts every split to about N rows to check the
# plumbing in a minute (its figures mean nothing); INTENT_BENCH_ACCURACY_ONLY=1 prints no timings.
set -euo pipefail
DATA=$(cd "${1:-../shared/datasets}" && pwd)
ONLY=${2:-}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
PORT=${BENCH_PORT:-18181}
DB=${BENCH_DATABASE:-support_bench_intents}
SECRET=bench-only-internal-token-secret-0123456789
WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

JAR=${INTENT_BENCH_JAR:-}
if [ -z "$JAR" ]; then
  ./mvnw -q -pl chat-service -am package -DskipTests
  JAR=chat-service/target/chat-service-exec.jar
fi
"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
psql -h localhost -U postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  || psql -h localhost -U postgres -qc "create database $DB"

PORT=$PORT DATABASE_URL=jdbc:postgresql://localhost:5432/$DB SPRING_DATA_REDIS_DATABASE=14 INTERNAL_TOKEN_SECRET=$SECRET \
  KAFKA_BOOTSTRAP_SERVERS=localhost:1 LOGGING_LEVEL_ORG_APACHE_KAFKA=ERROR \
  "$JAVA_HOME/bin/java" -Xmx1g -jar "$WORK/app/$(basename "$JAR")" > "$WORK/service.log" 2>&1 &
PID=$!
for _ in $(seq 1 180); do
  curl -sf "http://localhost:$PORT/actuator/health/liveness" >/dev/null && break
  kill -0 "$PID" 2>/dev/null || { tail -50 "$WORK/service.log"; exit 1; }
  sleep 1
done
echo "chat-service up on $PORT; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" -cp "$WORK/app/lib/*" chat-service/bench/IntentBenchmark.java --url "http://localhost:$PORT" \
  --internal-secret "$SECRET" --data "$DATA" ${ONLY:+--only "$ONLY"} ${INTENT_BENCH_SMOKE:+--smoke "$INTENT_BENCH_SMOKE"} ${INTENT_BENCH_ACCURACY_ONLY:+--accuracy-only}
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
