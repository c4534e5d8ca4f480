#!/usr/bin/env bash
# Benchmark of sla-service's report computation: a 365-day period with 10,000 outages (overlapping, open, DEGRADED,
# excluded by cause and length), every feature on (degraded weight, exclusions, flat + 168-value volume profile in a
# daylight-saving zone + transactions revenue, credit tiers and fee, burn rates), computed by the pure calculator
# (io.downtime.sla.report.SlaCalculator) — the "server time" of a report minus fetching outages and writing JSON.
# The budget is 50 ms.
#
# How: compiles sla-service's test classes, asks Maven for the test classpath, and runs the plain main class
# io.downtime.sla.bench.SlaReportBench (sla-service/src/test/java) in a fresh JVM: JIT warm-up, then timed runs;
# prints min / median / p99 / max in milliseconds.
#
# Usage: scripts/bench/sla-report.sh [outages=10000] [days=365] [warmup=300] [runs=300]
# Environment: MVN_ARGS (e.g. -o for offline), JAVA_OPTS (e.g. -Xmx512m).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
classpath_file="sla-service/target/bench.classpath"
# shellcheck disable=SC2086
./mvnw -B -q ${MVN_ARGS:-} -pl sla-service test-compile \
  dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "sla-service/target/test-classes:sla-service/target/classes:$(cat "$classpath_file")" \
  io.downtime.sla.bench.SlaReportBench "$@"
