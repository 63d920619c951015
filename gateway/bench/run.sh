#!/usr/bin/env bash
# Gateway benchmark (issue 3): the same GET answered directly by the "service", through nginx as a plain proxy, and
# through the gateway (API key authentication + Redis rate limiting + internal token + tracing), each at full speed
# and at a steady ~1,000 requests/s. Needs wrk and nginx (apt-get install wrk nginx), PostgreSQL and Redis on
# localhost, and a built gateway (./mvnw -pl gateway -am package -DskipTests).
# Usage: flock /tmp/platform.lock gateway/bench/run.sh [seconds per run]
# The gateway's CPU time per request (gateway_cpu_us) is printed for its runs: it depends far less on what else
# runs on the machine than requests/s does. COMPARE_JAR=<another build's gateway-exec.jar> adds that build as
# "gateway-compare" (on port 18081) to the same run, so that a before/after comparison shares the machine's load.
set -euo pipefail

DURATION="${1:-20}"
source "$(dirname "$0")/common.sh"

start_nginx
start_gateway
MAIN_PID="$GATEWAY_PID" MAIN_KEY="$API_KEY" COMPARE_PID=""
trap 'kill "$MAIN_PID" $COMPARE_PID 2> /dev/null || true; cleanup' EXIT
if [ -n "${COMPARE_JAR:-}" ]; then
    JAR="$COMPARE_JAR" GATEWAY_PORT=18081
    start_gateway
    COMPARE_PID="$GATEWAY_PID" COMPARE_KEY="$API_KEY"
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${COMPARE_JAR:-}" ]; then
    echo "gateway-compare:" >&2
    warm_up
    GATEWAY_PID="$MAIN_PID" API_KEY="$MAIN_KEY" GATEWAY_PORT=18080
fi
echo "gateway:" >&2
warm_up

run() { # name url key delay_ms connections [gateway pid]
    local line before after requests
    GATEWAY_PID="${6:-$MAIN_PID}"
    [ -n "$3" ] && before="$(gateway_cpu_ticks)"
    line="$(API_KEY="$3" DELAY_MS="$4" wrk -t2 -c"$5" -d"${DURATION}s" --timeout 5s -s "$HERE/wrk.lua" "$2" | grep '^RESULT')"
    if [ -n "$3" ]; then
        after="$(gateway_cpu_ticks)"
        requests="$(echo "$line" | awk -v d="$DURATION" '{print $2 * d}')"
        line="$line $(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" \
            'BEGIN {printf "%.0f", t / hz * 1e6 / n}')"
    fi
    echo "$1 $line"
}

echo "variant mode requests_per_s p50_ms p99_ms non2xx socket_errors gateway_cpu_us"
for mode in max steady; do
    if [ "$mode" = max ]; then delay=0; conns=32; else delay=10; conns=10; fi
    run "direct $mode" "http://127.0.0.1:9001$PATH_UNDER_TEST" "" "$delay" "$conns"
    run "nginx $mode" "http://127.0.0.1:9002$PATH_UNDER_TEST" "" "$delay" "$conns"
    run "gateway $mode" "http://127.0.0.1:18080$PATH_UNDER_TEST" "$MAIN_KEY" "$delay" "$conns"
    if [ -n "${COMPARE_JAR:-}" ]; then
        run "gateway-compare $mode" "http://127.0.0.1:18081$PATH_UNDER_TEST" "$COMPARE_KEY" "$delay" "$conns" "$COMPARE_PID"
    fi
done | sed 's/RESULT //'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
