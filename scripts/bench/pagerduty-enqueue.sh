#!/usr/bin/env bash
# Benchmark of incident-service's PagerDuty Events API v2 endpoint (POST /v2/enqueue): wrk drives the packaged
# service on a fresh database with trigger and resolve events over a fixed set of dedup keys (so events open, add to
# and resolve incidents, concurrently on the same keys), with the rate limit raised out of the way. Prints wrk's
# figures (requests/s, latency percentiles), the answer codes, and checks the result in PostgreSQL: no dedup key with
# more than one open incident.
#
# Usage: scripts/bench/pagerduty-enqueue.sh [duration=15s] [connections=16] [keys=200]
# Environment: SKIP_BUILD=1 reuses incident-service/target/quarkus-app; PGHOST/PGPORT/PGUSER as for setup.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
duration="${1:-15s}" connections="${2:-16}" keys="${3:-200}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
db=downtime_bench_pd_incident
command -v wrk >/dev/null || { echo "wrk is required (Debian package wrk)" >&2; exit 1; }
if [ "${SKIP_BUILD:-}" != 1 ]; then
  ./mvnw -B -q -pl incident-service -am package -DskipTests
fi
psql -d postgres -qc "drop database if exists $db" && psql -d postgres -qc "create database $db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work="$(mktemp -d)"
DOWNTIME_INCIDENT_DB=$db QUARKUS_HTTP_PORT=$port DOWNTIME_INTEGRATIONS_PAGERDUTY_EVENTS_PER_MINUTE=1000000000 \
  java -jar incident-service/target/quarkus-app/quarkus-run.jar >"$work/service.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -fs "localhost:$port/q/health/ready" >/dev/null && break
  kill -0 $pid 2>/dev/null || { cat "$work/service.log"; exit 1; }
  sleep 0.5
done
key=$(curl -fs -H 'Content-Type: application/json' -d '{"name":"bench","kind":"pagerduty","service":"bench-svc"}' \
  "localhost:$port/api/v1/integrations" | jq -r .key)
cat >"$work/events.lua" <<LUA
local counter = 0
local codes = {}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  counter = counter + 1
  local k = math.random(1, $keys)
  local action = (math.random() < 0.2) and "resolve" or "trigger"
  local body = '{"routing_key":"$key","event_action":"' .. action .. '","dedup_key":"key-' .. k .. '",' ..
    '"payload":{"summary":"bench event ' .. counter .. '","source":"bench","severity":"error"}}'
  return wrk.format(nil, "/v2/enqueue", nil, body)
end
response = function(status)
  codes[status] = (codes[status] or 0) + 1
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non-2xx/3xx answers: %d, socket errors: connect %d read %d write %d timeout %d\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
LUA
echo "wrk -t2 -c$connections -d$duration against POST /v2/enqueue ($keys dedup keys, 80 % trigger / 20 % resolve)"
wrk -t2 -c"$connections" -d"$duration" -s "$work/events.lua" "http://127.0.0.1:$port"
psql -d $db -tAc "select 'incidents: ' || count(*) || ', open: ' || count(*) filter (where status <> 'RESOLVED')
                    || ', timeline entries: ' || (select count(*) from timeline_entry) from incident"
dupes=$(psql -d $db -tAc "select count(*) from (select dedup_key from incident where status <> 'RESOLVED'
                           group by dedup_key having count(*) > 1) d")
echo "dedup keys with more than one open incident: $dupes"
[ "$dupes" = 0 ]
