#!/usr/bin/env bash
# Gateway benchmark (issue 3): the same GET answered directly by the "service", through nginx as a plain proxy, and
# through the gateway (API key authentication + Redis rate limiting + internal token + tracing), each at full speed
# and at a steady ~1,000 requests/s. Needs wrk and nginx (apt-get install wrk nginx), PostgreSQL and Redis on
# localhost, and a built gateway (./mvnw -pl gateway package).
# Usage: gateway/bench/run.sh [seconds per run]   (WARMUP_ROUNDS=max 10 s warm-up rounds, default 18)
set -euo pipefail

DURATION="${1:-20}"
HERE="$(cd "$(dirname "$0")" && pwd)"
JAR="$HERE/../target/gateway-exec.jar"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
WORK="$(mktemp -d)"
GATEWAY_PORT=18080
ROOT_KEY="bench-root-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
PATH_UNDER_TEST="/api/v1/analytics"
GATEWAY_PID=""

cleanup() {
    [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null || true
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

nginx -p "$WORK" -c "$HERE/nginx.conf"

# Per-IP limits are raised for the run (wrk sends everything from one address); every request still goes through the
# full limiter: one Redis script per request counting the key's hourly quota and the IP's minute and second windows.
PORT=$GATEWAY_PORT ROOT_API_KEY="$ROOT_KEY" INTERNAL_TOKEN_SECRET="bench-internal-token-secret-0123456789abcdef" \
    ANALYTICS_SERVICE_URL=http://127.0.0.1:9001 LOG_FORMAT="" \
    GATEWAY_RATELIMIT_PERIPPERMINUTE=1000000000 GATEWAY_RATELIMIT_PERIPPERSECOND=1000000000 \
    "$JAVA" -Xmx512m -jar "$JAR" > "$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!
for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$GATEWAY_PORT/actuator/health/readiness" > /dev/null && break
    sleep 1
done

TENANT="bench-$(date +%s)"
curl -sf -X POST -H "X-API-Key: $ROOT_KEY" -H 'Content-Type: application/json' \
    -d "{\"id\":\"$TENANT\",\"name\":\"benchmark\"}" "http://127.0.0.1:$GATEWAY_PORT/api/v1/tenants" > /dev/null
API_KEY="$(curl -sf -X POST -H "X-API-Key: $ROOT_KEY" -H 'Content-Type: application/json' \
    -d '{"name":"bench","plan":"enterprise","quota_per_hour":1000000000}' \
    "http://127.0.0.1:$GATEWAY_PORT/api/v1/tenants/$TENANT/api-keys" | sed -E 's/.*"key":"([^"]+)".*/\1/')"

run() { # name url key delay_ms connections
    local line
    line="$(API_KEY="$3" DELAY_MS="$4" wrk -t2 -c"$5" -d"${DURATION}s" --timeout 5s -s "$HERE/wrk.lua" "$2" | grep '^RESULT')"
    echo "$1 $line"
}

# Warm-up until the JIT has compiled the hot path: 10-second rounds until throughput stops rising (on a busy 2-core
# machine this can take minutes).
previous=0
for round in $(seq 1 "${WARMUP_ROUNDS:-18}"); do
    rps="$(API_KEY="$API_KEY" DELAY_MS=0 wrk -t2 -c8 -d10s -s "$HERE/wrk.lua" \
        "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST" | awk '/^RESULT/ {print $2}')"
    echo "warm-up round $round: $rps requests/s" >&2
    if [ "$round" -ge 3 ] && [ "$rps" -le $((previous * 11 / 10)) ]; then
        break
    fi
    previous="$rps"
done

echo "variant mode requests_per_s p50_ms p99_ms non2xx socket_errors"
for mode in max steady; do
    if [ "$mode" = max ]; then delay=0; conns=32; else delay=10; conns=10; fi
    run "direct $mode" "http://127.0.0.1:9001$PATH_UNDER_TEST" "" "$delay" "$conns"
    run "nginx $mode" "http://127.0.0.1:9002$PATH_UNDER_TEST" "" "$delay" "$conns"
    run "gateway $mode" "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST" "$API_KEY" "$delay" "$conns"
done | sed 's/RESULT //'
