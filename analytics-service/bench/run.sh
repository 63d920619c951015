#!/usr/bin/env bash
# Runs one benchmark program of analytics-service against the machine's PostgreSQL (DATABASE_URL etc. as for the
# service) and an embedded Kafka broker in the same JVM. Usage:
#   analytics-service/bench/run.sh IngestionBench [events] [latencySamples] [backgroundPerSecond]
#   analytics-service/bench/run.sh EndpointBench [requestsPerEndpoint] [--keep]
# It takes /tmp/platform.lock itself (one measurement at a time on the shared machine) and prints the load average
# before and after.
set -euo pipefail
if [ -z "${BENCH_LOCKED:-}" ]; then
  exec env BENCH_LOCKED=1 flock /tmp/platform.lock "$0" "$@"
fi
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
# -am: the common modules come from this working copy, never from the shared ~/.m2.
./mvnw -q -pl analytics-service -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd "$root/analytics-service"
echo "start: $(uptime)"
"$JAVA_HOME/bin/java" -Xmx2g ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  "dev.supportplatform.analytics.bench.$1" "${@:2}"
echo "end: $(uptime)"
