# Shared by run.sh and profile.sh: starts the benchmark nginx (service on :9001, plain proxy on :9002) and the
# gateway on :18080 in front of the same service, and creates an enterprise API key (API_KEY). Source it.
# GATEWAY_JAR, GATEWAY_JAVA_OPTS and DATABASE_URL / SPRING_DATA_REDIS_DATABASE may be set by the caller.

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="${GATEWAY_JAR:-$HERE/../target/gateway-exec.jar}"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
WORK="$(mktemp -d)"
GATEWAY_PORT=18080
ROOT_KEY="bench-root-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
PATH_UNDER_TEST="/api/v1/analytics"
GATEWAY_PID=""

cleanup() {
    [ -n "$GATEWAY_PID" ] && kill "$GATEWAY_PID" 2>/dev/null && wait "$GATEWAY_PID" 2>/dev/null || true
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

start_nginx() {
    nginx -p "$WORK" -c "$HERE/nginx.conf"
}

# Per-IP limits are raised for the run (wrk sends everything from one address); every request still goes through
# the full limiter (the key's hourly quota and the IP's minute and second windows, shared through Redis).
start_gateway() {
    # shellcheck disable=SC2086
    PORT=$GATEWAY_PORT ROOT_API_KEY="$ROOT_KEY" INTERNAL_TOKEN_SECRET="bench-internal-token-secret-0123456789abcdef" \
        ANALYTICS_SERVICE_URL=http://127.0.0.1:9001 LOG_FORMAT="" \
        GATEWAY_RATELIMIT_PERIPPERMINUTE=1000000000 GATEWAY_RATELIMIT_PERIPPERSECOND=1000000000 \
        "$JAVA" -Xmx512m ${GATEWAY_JAVA_OPTS:-} -jar "$JAR" > "$WORK/gateway.log" 2>&1 &
    GATEWAY_PID=$!
    for _ in $(seq 1 180); do
        curl -sf "http://127.0.0.1:$GATEWAY_PORT/actuator/health/readiness" > /dev/null && break
        sleep 1
    done
    TENANT="bench-$(date +%s)-$GATEWAY_PORT"
    curl -sf -X POST -H "X-API-Key: $ROOT_KEY" -H 'Content-Type: application/json' \
        -d "{\"id\":\"$TENANT\",\"name\":\"benchmark\"}" "http://127.0.0.1:$GATEWAY_PORT/api/v1/tenants" > /dev/null
    API_KEY="$(curl -sf -X POST -H "X-API-Key: $ROOT_KEY" -H 'Content-Type: application/json' \
        -d '{"name":"bench","plan":"enterprise","quota_per_hour":1000000000}' \
        "http://127.0.0.1:$GATEWAY_PORT/api/v1/tenants/$TENANT/api-keys" | sed -E 's/.*"key":"([^"]+)".*/\1/')"
}

# CPU time (user + system, in clock ticks) the gateway process has used so far.
gateway_cpu_ticks() {
    awk '{print $14 + $15}' "/proc/$GATEWAY_PID/stat"
}

# wrk against the gateway in 10-second rounds until the JIT has compiled the hot path: at least WARMUP_MIN_ROUNDS
# (6) rounds and WARMUP_CPU_SECONDS (40) of the gateway's own CPU time (on a busy machine the compiler threads get
# little CPU, so wall-clock time alone says nothing), then until a round is no more than 10% above the best so far;
# at most WARMUP_ROUNDS (30) rounds.
warm_up() {
    local best=0 rps start used
    start="$(gateway_cpu_ticks)"
    for round in $(seq 1 "${WARMUP_ROUNDS:-30}"); do
        rps="$(API_KEY="$API_KEY" DELAY_MS=0 wrk -t2 -c8 -d10s -s "$HERE/wrk.lua" \
            "http://127.0.0.1:$GATEWAY_PORT$PATH_UNDER_TEST" | awk '/^RESULT/ {print $2}')"
        used=$(( ($(gateway_cpu_ticks) - start) / $(getconf CLK_TCK) ))
        echo "warm-up round $round: $rps requests/s (gateway CPU so far: $used s)" >&2
        if [ "$round" -ge "${WARMUP_MIN_ROUNDS:-6}" ] && [ "$used" -ge "${WARMUP_CPU_SECONDS:-40}" ] \
            && [ "$rps" -le $((best * 11 / 10)) ]; then
            break
        fi
        [ "$rps" -gt "$best" ] && best="$rps"
    done
}
