#!/usr/bin/env bash
# Real-time chat benchmark (method and figures: docs/benchmarks.md, "Real-time chat"). From the repository root,
# holding the machine's benchmark lock:
#   flock /tmp/platform.lock bash chat-service/bench/run-realtime.sh [ttft rounds] [connections] [seconds]
# Builds chat-service and the gateway, starts a stub OpenAI-compatible streaming model (RealtimeBench stub, :18190),
# chat-service on :18181 configured for it (PostgreSQL database support_bench_realtime, created if missing, Redis
# db 13; no Kafka: the outbox keeps the events) and the gateway on :18080 in front of it, then measures
#   1. time to first token: straight from the stub, POST /v1/chat/stream straight to chat-service and through the
#      gateway (default 300 rounds, after TTFT_PLAIN_WARMUP plain GET /v1/sessions requests along both paths,
#      default 10000, and TTFT_WARMUP warm-up rounds, default 1000: the servers run JIT-warm);
#   2. WebSocket connections held by the one chat-service (default 5000), each session getting a message every 10 s
#      through its Redis channel, publish-to-receive latency over the run (default 60 s).
# REALTIME_BENCH_SKIP_BUILD=1 uses the jars already in chat-service/target and gateway/target.
set -euo pipefail
ROUNDS=${1:-300}
CONNECTIONS=${2:-5000}
SECONDS_WS=${3:-60}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
DB=${BENCH_DATABASE:-support_bench_realtime}
SECRET=bench-only-internal-token-secret-0123456789
ROOT_KEY="bench-root-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${REALTIME_BENCH_SKIP_BUILD:-}" ]; then
  ./mvnw -q -B -ntp -pl chat-service,gateway -am package -DskipTests
fi
"$JAVA" -Djarmode=tools -jar chat-service/target/chat-service-exec.jar extract --destination "$WORK/chat" >/dev/null
psql -h localhost -U postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  || psql -h localhost -U postgres -qc "create database $DB"

wait_up() { # url pid log
  for _ in $(seq 1 240); do
    curl -sf "$1" >/dev/null && return 0
    kill -0 "$2" 2>/dev/null || { tail -50 "$3"; exit 1; }
    sleep 1
  done
  tail -50 "$3"; exit 1
}

"$JAVA" -cp "$WORK/chat/lib/*" chat-service/bench/RealtimeBench.java stub 18190 > "$WORK/stub.log" 2>&1 &
PIDS+=($!)

PORT=18181 DATABASE_URL=jdbc:postgresql://localhost:5432/$DB SPRING_DATA_REDIS_DATABASE=13 INTERNAL_TOKEN_SECRET=$SECRET \
  KAFKA_BOOTSTRAP_SERVERS=localhost:1 LOGGING_LEVEL_ORG_APACHE_KAFKA=ERROR LOG_FORMAT="" \
  MODEL_PROVIDER=openai MODEL_BASE_URL=http://127.0.0.1:18190/v1 MODEL_API_KEY=stub MODEL_FAST=stub \
  KNOWLEDGE_SERVICE_URL=http://127.0.0.1:18190 CRM_SERVICE_URL=http://127.0.0.1:18190 ESCALATION_SERVICE_URL=http://127.0.0.1:18190 \
  "$JAVA" -Xmx1g -jar "$WORK/chat/chat-service-exec.jar" > "$WORK/chat.log" 2>&1 &
CHAT_PID=$!
PIDS+=($CHAT_PID)

PORT=18080 DATABASE_URL=jdbc:postgresql://localhost:5432/$DB SPRING_DATA_REDIS_DATABASE=13 INTERNAL_TOKEN_SECRET=$SECRET \
  ROOT_API_KEY="$ROOT_KEY" CHAT_SERVICE_URL=http://127.0.0.1:18181 LOG_FORMAT="" \
  GATEWAY_RATELIMIT_PERIPPERMINUTE=1000000000 GATEWAY_RATELIMIT_PERIPPERSECOND=1000000000 \
  "$JAVA" -Xmx512m -jar gateway/target/gateway-exec.jar > "$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
PIDS+=($GATEWAY_PID)

wait_up http://127.0.0.1:18181/actuator/health/liveness "$CHAT_PID" "$WORK/chat.log"
wait_up http://127.0.0.1:18080/actuator/health/readiness "$GATEWAY_PID" "$WORK/gateway.log"
echo "machine: $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -Dbench.warmup="${TTFT_WARMUP:-1000}" -Dbench.plainWarmup="${TTFT_PLAIN_WARMUP:-10000}" -cp "$WORK/chat/lib/*" chat-service/bench/RealtimeBench.java ttft http://127.0.0.1:18080 "$ROOT_KEY" http://127.0.0.1:18190 "$ROUNDS" \
  http://127.0.0.1:18181 "$SECRET"
echo "load average after ttft: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA" -Xmx1g -cp "$WORK/chat/lib/*" chat-service/bench/RealtimeBench.java ws ws://127.0.0.1:18181 "$SECRET" 127.0.0.1:6379 \
  "$CONNECTIONS" "$SECONDS_WS"
echo "chat-service after the run: $(ps -o rss= -p "$CHAT_PID" | awk '{printf "%.0f MB RSS", $1/1024}'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "chat-service ERROR log lines (the outbox relay's, there being no Kafka, left out): $(grep ' ERROR ' "$WORK/chat.log" | grep -vc LoggingProducerListener || true)"
grep ' ERROR ' "$WORK/chat.log" | grep -v LoggingProducerListener | cut -c1-300 | sort | uniq -c | sort -rn | head -5 || true
