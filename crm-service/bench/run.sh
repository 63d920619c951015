#!/usr/bin/env bash
# List and lookup latency of crm-service with 1,000,000 contacts in one tenant, measured through HTTP with wrk.
# Needs: PostgreSQL at localhost:5432 (user postgres, trust auth), psql, wrk, a JDK >= 21. Results: bench/out/.
# Usage: crm-service/bench/run.sh   (env: BENCH_DURATION=30s BENCH_WARMUP=20s BENCH_CONNECTIONS=1 BENCH_THREADS=1 BENCH_PORT=18082,
#        SKIP_BUILD=1 to reuse target/crm-service-exec.jar)
# It takes /tmp/platform.lock itself (one measurement at a time on the shared machine) and records the load average.
set -euo pipefail
if [ -z "${BENCH_LOCKED:-}" ]; then
  exec env BENCH_LOCKED=1 flock /tmp/platform.lock "$0" "$@"
fi
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
DB=${BENCH_DB:-crm_bench}
PORT=${BENCH_PORT:-18082}
DURATION=${BENCH_DURATION:-30s}
# One connection: each request's latency alone, not the queue in front of it on a 2-core machine.
CONNECTIONS=${BENCH_CONNECTIONS:-1}
THREADS=${BENCH_THREADS:-1}
WARMUP=${BENCH_WARMUP:-20s}
SECRET=bench-internal-token-secret-0123456789abcdef
PSQL=(psql -h localhost -U postgres -v ON_ERROR_STOP=1 -qAt)
OUT=bench/out
mkdir -p "$OUT"

# The jar of the code as it is now (package, never install: the SNAPSHOTs in ~/.m2 are shared).
if [ -z "${SKIP_BUILD:-}" ] || [ ! -f target/crm-service-exec.jar ]; then
  (cd .. && ./mvnw -q -pl crm-service -am package -DskipTests)
fi
echo "start: $(uptime)" | tee "$OUT/load.txt"

# Its own database, so that a million rows never sit in the one the tests share.
"${PSQL[@]}" -d postgres -c "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  || "${PSQL[@]}" -d postgres -c "create database $DB"

# The service migrates the schema on start. No Kafka is needed for reads: the chat listener is not started.
DATABASE_URL="jdbc:postgresql://localhost:5432/$DB" INTERNAL_TOKEN_SECRET="$SECRET" PORT="$PORT" LOG_FORMAT= \
  SPRING_KAFKA_LISTENER_AUTO_STARTUP=false KAFKA_BOOTSTRAP_SERVERS=localhost:1 \
  "$JAVA" -Xmx512m -jar target/crm-service-exec.jar > "$OUT/service.log" 2>&1 &
SERVICE_PID=$!
trap 'kill $SERVICE_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://localhost:$PORT/actuator/health/liveness" > /dev/null && break
  sleep 1
done
curl -sf "http://localhost:$PORT/actuator/health/liveness" > /dev/null || { echo "service did not start; see $OUT/service.log"; exit 1; }

if [ "$("${PSQL[@]}" -d "$DB" -c "select count(*) from crm.contacts where tenant_id = 'bench'")" = "0" ]; then
  echo "seeding 1,000,000 contacts..."
  /usr/bin/time -f "seed: %e s" "${PSQL[@]}" -d "$DB" -f bench/seed.sql
  "${PSQL[@]}" -d "$DB" -c "vacuum analyze crm.contacts, crm.contact_external_ids, crm.contact_counts, crm.contact_buckets"
fi
"${PSQL[@]}" -d "$DB" -c "select 'contacts: ' || total || ' (active ' || active || ')' from crm.contact_counts where tenant_id = 'bench'"
ACTIVE=$("${PSQL[@]}" -d "$DB" -c "select active from crm.contact_counts where tenant_id = 'bench'")
ALL=$("${PSQL[@]}" -d "$DB" -c "select total from crm.contact_counts where tenant_id = 'bench'")
"${PSQL[@]}" -d "$DB" -c "select id from crm.contacts where tenant_id = 'bench' order by random() limit 20000" > "$OUT/ids.txt"

LIBS=$(mktemp -d)
unzip -q -o target/crm-service-exec.jar 'BOOT-INF/lib/common-core-*' 'BOOT-INF/lib/nimbus-jose-jwt-*' -d "$LIBS"
export BENCH_TOKEN=$("$JAVA" -cp "$(ls "$LIBS"/BOOT-INF/lib/*.jar | paste -sd:)" bench/MintToken.java "$SECRET" bench)
export BENCH_IDS="$OUT/ids.txt"
BASE="http://localhost:$PORT"

# Sanity: the token works and the totals are right before anything is timed.
curl -sf -H "X-Internal-Token: $BENCH_TOKEN" "$BASE/crm/users?per_page=1" | grep -q "\"total\":$ACTIVE" \
  || { echo "list does not report $ACTIVE active contacts"; exit 1; }

SCENARIOS=(
  "lookup-by-id lookup_id.lua"
  "lookup-by-external-id lookup_external.lua"
  "lookup-by-email lookup_email.lua"
  "list-page-1 list.lua BENCH_TOTAL=$ACTIVE BENCH_PAGE=1"
  "list-random-page list.lua BENCH_TOTAL=$ACTIVE BENCH_PAGE=random"
  "list-middle-page list.lua BENCH_TOTAL=$ACTIVE BENCH_PAGE=middle"
  "list-last-page list.lua BENCH_TOTAL=$ACTIVE BENCH_PAGE=last"
  "list-all-random-p100 list.lua BENCH_TOTAL=$ALL BENCH_PAGE=random BENCH_PER_PAGE=100 BENCH_ACTIVE_ONLY=false"
)
# Every scenario runs once unmeasured first, so that the JIT has compiled all of the paths before any is timed.
for scenario in "${SCENARIOS[@]}"; do
  set -- $scenario
  name=$1 script=$2; shift 2
  env "$@" wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" -s "bench/$script" "$BASE" > /dev/null
done
: > "$OUT/summary.txt"
for scenario in "${SCENARIOS[@]}"; do
  set -- $scenario
  name=$1 script=$2; shift 2
  env "$@" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "bench/$script" "$BASE" > "$OUT/$name.txt"
  errors=$(grep -E "Non-2xx|Socket errors" "$OUT/$name.txt" || true)
  printf "%-22s p50 %-9s p90 %-9s p99 %-9s req/s %-8s load %s %s\n" "$name" \
    "$(awk '/^ +50%/ {print $2}' "$OUT/$name.txt")" "$(awk '/^ +90%/ {print $2}' "$OUT/$name.txt")" \
    "$(awk '/^ +99%/ {print $2}' "$OUT/$name.txt")" "$(awk '/Requests\/sec/ {print $2}' "$OUT/$name.txt")" \
    "$(cut -d' ' -f1 /proc/loadavg)" "$errors" | tee -a "$OUT/summary.txt"
done
psql -h localhost -U postgres -q -d "$DB" -f bench/db-timing.sql > "$OUT/db-timing.txt"
cat "$OUT/db-timing.txt"
echo "end: $(uptime)" | tee -a "$OUT/load.txt"
