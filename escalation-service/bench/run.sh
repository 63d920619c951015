#!/usr/bin/env bash
# Webhook delivery benchmark: builds the module, then runs WebhookBench (src/test/java/.../bench) against the real
# service jar, the machine's PostgreSQL and an embedded Kafka broker. Arguments: [throughputEvents] [restartEvents].
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  (cd .. && ./mvnw -q -o -pl escalation-service install -DskipTests)
fi
(cd .. && ./mvnw -q -o -pl escalation-service dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt)
exec "$JAVA_HOME/bin/java" -Xmx768m -Dlogback.configurationFile=bench/logback-bench.xml -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  dev.supportplatform.escalation.bench.WebhookBench "$@"
