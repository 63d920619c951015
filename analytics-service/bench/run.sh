#!/usr/bin/env bash
# Runs one benchmark program of analytics-service against the machine's PostgreSQL (DATABASE_URL etc. as for the
# service) and an embedded Kafka broker in the same JVM. Usage:
#   analytics-service/bench/run.sh IngestionBench [events] [latencySamples] [backgroundPerSecond]
#   analytics-service/bench/run.sh EndpointBench [requestsPerEndpoint] [--keep]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cd "$root"
./mvnw -q -o -pl analytics-service test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd "$root/analytics-service"
exec "$JAVA_HOME/bin/java" -Xmx2g ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  "dev.supportplatform.analytics.bench.$1" "${@:2}"
