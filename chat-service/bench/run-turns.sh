#!/usr/bin/env bash
# Turn latency through the gateway (chat-service/bench/RESULTS.md section 2). From the repository root, holding the
# machine's benchmark lock:
#   flock /tmp/platform.lock bash chat-service/bench/run-turns.sh local|stub     (needs python3, psql, redis-cli)
# Starts the whole platform with deploy/local/run.sh in TURNS_DATA_DIR (default /tmp/turnbench), per-IP rate limits
# raised (one load generator sends everything from one address); in a new data folder first seeds 10,000 passages
# with seed_passages.py. Then TurnLoad.java through the gateway (TURNS_SECONDS 30 measured after TURNS_WARMUP 10):
#   local  the `local` provider: 16 clients with repeated questions, then 16 with --unique (no response-cache hits)
#   stub   chat-service on an OpenAI-compatible model answering at once (RealtimeBench.java's stub on :18190):
#          --unique, 16 clients, then 1 client; the stub's own time is measured straight with curl
# Each load starts with no cached answer (Redis chat:answer:* deleted) after TURNS_SETTLE (30) idle seconds; after it:
# chat-service's own per-step timings (medians of the answers' metadata.steps, warm-up included), models used, and
# how many user messages got no AI answer (their conversation was escalated: "a human agent is handling it").
# Before 822624b the local stack's pool of 4 connections stalled 16 clients (scoring waited for a connection while the
# turn held one); the first runs in RESULTS.md were taken with LOCAL_JVM_OPTS raising the pool, later ones without.
# The platform's own configuration instead of the local stack's (pgvector, C2), on the machine's PostgreSQL with the
# vector extension in database support_bench (RESULTS.md, "pgvector and C2"):
#   LOCAL_JVM_OPTS="-XX:TieredStopAtLevel=4 -XX:ReservedCodeCacheSize=128m -DDATABASE_URL=jdbc:postgresql://localhost:5432/support_bench -DVECTOR_STORE=pgvector" \
#   TURNS_DATABASE="-h localhost -p 5432 -U postgres -d support_bench" TURNS_DATA_DIR=/tmp/turnbench-pg flock ... run-turns.sh local
set -euo pipefail
MODE=${1:?local or stub}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
DATA=${TURNS_DATA_DIR:-/tmp/turnbench}
KEY=bench-root-key-42
CP="common/common-core/target/common-core-0.1.0-SNAPSHOT.jar:$HOME/.m2/repository/com/nimbusds/nimbus-jose-jwt/10.4/nimbus-jose-jwt-10.4.jar"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait' EXIT

if [ "$MODE" = stub ]; then
  "$JAVA" -cp "$CP" chat-service/bench/RealtimeBench.java stub 18190 > /tmp/turnbench-stub.log 2>&1 &
  PIDS+=($!)
  export MODEL_PROVIDER=openai MODEL_BASE_URL=http://127.0.0.1:18190/v1 MODEL_API_KEY=stub MODEL_FAST=stub
fi
fresh=0; [ -f "$DATA/.bench-seeded" ] || fresh=1
LOCAL_DATA_DIR=$DATA ROOT_API_KEY=$KEY GATEWAY_RATELIMIT_PERIPPERMINUTE=100000000 \
  GATEWAY_RATELIMIT_PERIPPERSECOND=100000000 GATEWAY_RATELIMIT_QUERYPERMINUTE=100000000 \
  deploy/local/run.sh > /tmp/turnbench-platform.log 2>&1 &
PIDS+=($!)
until grep -q 'is ready' /tmp/turnbench-platform.log; do
  kill -0 "${PIDS[-1]}" 2>/dev/null || { tail -30 /tmp/turnbench-platform.log; exit 1; }
  sleep 2
done
grep 'is ready' /tmp/turnbench-platform.log
if [ "$fresh" = 1 ]; then
  echo "seeding at $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 chat-service/bench/seed_passages.py http://localhost:8080 $KEY 10000 4
  touch "$DATA/.bench-seeded"
fi

load() { # TurnLoad options
  redis-cli -p 16379 --scan --pattern 'chat:answer:*' | xargs -r redis-cli -p 16379 del > /dev/null
  sleep "${TURNS_SETTLE:-30}"
  local since; since=$(date -u +%FT%T.%NZ)
  echo "== $(date -u +%FT%TZ) TurnLoad $*; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$JAVA" -cp "$CP" chat-service/bench/TurnLoad.java --url http://localhost:8080 --api-key $KEY \
    --seconds "${TURNS_SECONDS:-30}" --warmup "${TURNS_WARMUP:-10}" "$@"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  psql ${TURNS_DATABASE:--h localhost -p 15432 -U postgres -d support} -P pager=off -c "select model, cached, count(*) from chat.message
      where sender = 'assistant' and created_at >= '$since' group by 1, 2" -c "select count(*) filter (where sender = 'user')
      as user_messages, count(*) filter (where sender = 'assistant') as ai_answers from chat.message
      where created_at >= '$since'" -c "select key as step,
      round(percentile_cont(0.5) within group (order by value::float)::numeric, 1) as p50_ms, count(*)
      from chat.message, jsonb_each_text(metadata->'steps') where sender = 'assistant' and created_at >= '$since'
      group by 1 order by 1"
}

if [ "$MODE" = local ]; then
  load --clients 16
  load --clients 16 --unique
else
  for _ in $(seq 200); do
    curl -s -o /dev/null -w '%{time_total}\n' http://127.0.0.1:18190/v1/chat/completions -d '{"model":"stub"}'
  done | sort -n | awk '{a[NR]=$1} END {printf "stub alone (curl, 200 requests): p50=%.2fms p99=%.2fms\n", a[100]*1000, a[198]*1000}'
  load --clients 16 --unique
  load --clients 1 --unique
fi
