#!/usr/bin/env bash
# Load benchmark of incident-service's signal intake (issue 7): wrk (Debian) POSTs /api/v1/signals at a fixed rate
# (connections x 1000 / DELAY_MS per second) with 20 % duplicate signal ids, against the packaged incident-service on
# its own fresh database; then checks from PostgreSQL that nothing was lost (stored ids = unique ids sent) and that
# no dedup key has more than one open incident. Prints achieved signals/s, p50/p95/p99/p99.9/max latency, errors, CPU and RSS
# of incident-service. Goal (issue 7): >= 5,000 signals/s sustained, p99 < 50 ms, zero lost, one incident per key.
#
# Usage: scripts/bench/signals-wrk.sh [rate=5000] [seconds=30] [connections=50]
# Environment: SKIP_BUILD=1 reuses incident-service/target/quarkus-app; PG* as everywhere; DUP_RATIO (0.2);
#   TARGETS (200); SERVICES (20); JAVA_OPTS; PORT (18082); WARMUP (seconds of unmeasured load first, 10: the JIT
#   compiles for longer than that on 2 cores — C2 was a third of all CPU in a 45 s run, 18 % at 90-120 s, under 2 %
#   after about 3 minutes: use WARMUP=180 for steady-state figures); DOWN_RATIO (see signals.lua).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
rate="${1:-5000}"; seconds="${2:-30}"; conns="${3:-50}"
port="${PORT:-18082}"; mport=$((port + 1000))
db=downtime_bench_incident
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
command -v wrk >/dev/null || { sudo_ apt-get update -qq && sudo_ apt-get install -y -qq wrk >/dev/null; }
[ "${SKIP_BUILD:-}" = 1 ] || ./mvnw -B -q -pl incident-service -am package -DskipTests
psql -qd postgres -c "drop database if exists $db with (force)" -c "create database $db"

# a prober token (scripts/token.sh makes the local key pair in .run/jwt/ on first use); the service verifies it
token="${TOKEN:-$(scripts/token.sh prober bench)}"
log="$(mktemp -t incident-bench.XXXX.log)"
DOWNTIME_JWT_PUBLIC_KEY_LOCATION="${DOWNTIME_JWT_PUBLIC_KEY_LOCATION:-$root/.run/jwt/publicKey.pem}" \
DOWNTIME_INCIDENT_DB=$db QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$mport \
  java ${JAVA_OPTS:--Xmx512m} -jar incident-service/target/quarkus-app/quarkus-run.jar >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null && wait $pid 2>/dev/null || true' EXIT
ready=""
for _ in $(seq 1 120); do
  for url in "http://127.0.0.1:$mport/q/health/ready" "http://127.0.0.1:$port/q/health/ready"; do
    if curl -fsS "$url" >/dev/null 2>&1; then ready=$url; break 2; fi
  done
  sleep 0.5
done
[ -n "$ready" ] || { echo "incident-service did not become ready; log: $log" >&2; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# warm-up (JIT, pools) at the same rate, not measured
acks="$(mktemp -d -t incident-bench-acks.XXXX)"
TID_BASE=100 TOKEN="$token" RATE="$rate" THREADS=2 wrk -t2 -c"$conns" -d"${WARMUP:-10}s" -s scripts/bench/signals.lua "http://127.0.0.1:$port" >/dev/null
psql -qd $db -c "truncate region_signal, target_region_state, outage_target, outage, timeline_entry, incident, service cascade" 2>/dev/null \
  || true
t0=$(cpu_ticks)
out="$(ACK_DIR="$acks" TOKEN="$token" RATE="$rate" THREADS=2 wrk -t2 -c"$conns" -d"${seconds}s" --latency -s scripts/bench/signals.lua \
  "http://127.0.0.1:$port")"
t1=$(cpu_ticks)
rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
echo "$out"
unique=$(sed -n 's/^LUA unique_ids=\([0-9]*\).*/\1/p' <<<"$out")
non2xx=$(sed -n 's/.*non2xx=\([0-9]*\).*/\1/p' <<<"$out")
p50=$(sed -n 's/^LUA p50_ms=\([0-9.]*\).*/\1/p' <<<"$out")
p95=$(sed -n 's/^LUA p50_ms=.* p95_ms=\([0-9.]*\).*/\1/p' <<<"$out")
p99=$(sed -n 's/^LUA p50_ms=.* p99_ms=\([0-9.]*\).*/\1/p' <<<"$out")
p999=$(sed -n 's/^LUA p50_ms=.* p99.9_ms=\([0-9.]*\).*/\1/p' <<<"$out")
rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
# requests still in flight when wrk stopped were counted as sent: wait until the stored count stops growing
count_stored() { psql -qtAd $db -c "select count(*) from region_signal where substr(id::text, 10, 4) < '0064'"; }
stored=$(count_stored); prev=-1
while [ "$stored" != "$prev" ]; do prev=$stored; sleep 2; stored=$(count_stored); done
acked=$(cat "$acks"/acked-*.txt | sort -u | wc -l)
# every acknowledged id must be stored: lost = acknowledged ids missing from region_signal
lost=$( (echo "create temp table acked (id uuid primary key);"; echo "copy acked from stdin;"; cat "$acks"/acked-*.txt | sort -u; echo '\.'
  echo "select count(*) from acked a where not exists (select 1 from region_signal r where r.id = a.id);") | psql -qtAd $db)
multi=$(psql -qtAd $db -c "select count(*) from (select dedup_key from incident where status <> 'RESOLVED' group by dedup_key having count(*) > 1) d")
incidents=$(psql -qtAd $db -c "select count(*) from incident")
# group commit: signals per transaction (incident-service's signal_batch_size summary, warm-up included)
metrics="$(curl -fsS "http://127.0.0.1:$mport/q/metrics" 2>/dev/null || curl -fsS "http://127.0.0.1:$port/q/metrics" 2>/dev/null || true)"
batch_mean=$(awk '/^signal_batch_size_count/ {c=$2} /^signal_batch_size_sum/ {s=$2} END {if (c > 0) printf "%.1f", s / c; else print "n/a"}' <<<"$metrics")
batch_max=$(awk '/^signal_batch_size_max/ {printf "%.0f", $2}' <<<"$metrics")
# a batch's transactions by path (warm-up included): count, mean and max in ms
batch_path() { awk -v p="path=\"$1\"" 'index($0, p) && /^signal_batch_seconds_count/ {c=$2} index($0, p) && /^signal_batch_seconds_sum/ {s=$2}
  index($0, p) && /^signal_batch_seconds_max/ {m=$2} END {if (c > 0) printf "%d/%.1fms/%.0fms", c, s / c * 1000, m * 1000; else print "n/a"}' <<<"$metrics"; }
hz=$(getconf CLK_TCK)
cpu=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s="$seconds" 'BEGIN {printf "%.0f", (b - a) / hz / s * 100}')
echo "FIGURE signals-wrk target_rate=${rate}/s achieved=${rps}/s duration=${seconds}s connections=$conns" \
  "p50_ms=$p50 p95_ms=$p95 p99_ms=$p99 p99.9_ms=$p999" \
  "unique_ids_sent=$unique acknowledged_unique=$acked stored=$stored lost=$lost non2xx=$non2xx incidents=$incidents" \
  "dedup_keys_with_more_than_one_open_incident=$multi incident_service_cpu=${cpu}% peak_rss=$((rss_kb / 1024))MiB" \
  "signals_per_transaction_mean=$batch_mean max=${batch_max:-n/a} load_average=$(cut -d' ' -f1 /proc/loadavg)" \
  "batches_count/mean/max sql_client=$(batch_path sql-client) hibernate=$(batch_path hibernate)"
