#!/usr/bin/env bash
# Webhook delivery benchmark: builds the module, then runs WebhookBench (src/test/java/.../bench) against the real
# service jar, the machine's PostgreSQL and an embedded Kafka broker. Arguments: [throughputEvents] [restartEvents].
# It takes /tmp/platform.lock itself (one measurement at a time on the shared machine) and prints the load average.
set -euo pipefail
if [ -z "${BENCH_LOCKED:-}" ]; then
  exec env BENCH_LOCKED=1 flock /tmp/platform.lock "$0" "$@"
fi
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
# package, never install (the SNAPSHOTs in ~/.m2 are shared); -am: the common modules of this working copy.
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  (cd .. && ./mvnw -q -pl escalation-service -am package -DskipTests)
fi
(cd .. && ./mvnw -q -pl escalation-service -am dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt)
echo "start: $(uptime)"
"$JAVA_HOME/bin/java" -Xmx768m -Dlogback.configurationFile=bench/logback-bench.xml -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.supportplatform.escalation.bench.WebhookBench "$@"
echo "end: $(uptime)"
