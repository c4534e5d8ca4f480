#!/usr/bin/env bash
# Benchmark of probe-service's engine at scale: N evm-node targets (default 10,000) at a 5 s interval against one
# local Anvil node (1 s blocks), probe-service packaged (quarkus-app) on its own database downtime_bench_evm.
# Goal (issue 3): p99 schedule lag < 100 ms.
#
# How: packages probe-service (skip with BUILD=0), recreates the database, starts Anvil and probe-service on free
# loopback ports, inserts the targets straight into the target table (the reconcile run picks them up within 10 s;
# 10,000 REST calls would take longer than the run), warms up, then measures over a window:
#   probes/s          = increase of sum(downtime_probes_total) / window
#   p99 schedule lag  = from the increase of the probe_schedule_lag_seconds histogram buckets (linear within bucket)
#   skipped/s         = increase of probe_skipped_total by reason (capacity, in_flight, overrun)
#   CPU               = (utime+stime) increase of the probe-service JVM / window, in cores (and Anvil's)
#   RSS               = VmRSS of the JVM at the end
# Processes started here are stopped by their pid at exit. No incident-service: signals stay in the outbox and
# heartbeats fail (both are logged and retried; they do not take part in the probe path).
#
# Usage: scripts/bench/evm-scale.sh [targets=10000] [interval=5] [warmup=40] [window=60]
# Environment: BUILD=0 (reuse the package), MVN_ARGS (e.g. -o), JAVA_OPTS (default -Xmx768m), PG* (psql),
# DB_POOL (reactive PostgreSQL pool size, default 20: only confirmed state changes and the status flush use it),
# MAX_CONCURRENT (downtime.probe.max-concurrent, default 1024).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
targets="${1:-10000}"
interval="${2:-5}"
warmup="${3:-40}"
window="${4:-60}"
db=downtime_bench_evm
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
anvil_bin="$root/.tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
[ -x "$anvil_bin" ] || { echo "anvil not installed: run scripts/setup.sh" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

if [ "${BUILD:-1}" != 0 ]; then
  # shellcheck disable=SC2086
  ./mvnw -B -q ${MVN_ARGS:-} -pl probe-service -am package -DskipTests
fi
psql -q -d postgres -c "drop database if exists $db" -c "create database $db" >/dev/null

anvil_port="$(free_port)"
"$anvil_bin" --host 127.0.0.1 --port "$anvil_port" --block-time 1 > /tmp/evm-scale-anvil.log 2>&1 &
anvil_pid=$!; pids+=("$anvil_pid")
http_port="$(free_port)"; mgmt_port="$(free_port)" # health and metrics: management interface
# shellcheck disable=SC2086
DOWNTIME_PROBE_DB=$db QUARKUS_HTTP_PORT=$http_port QUARKUS_MANAGEMENT_PORT=$mgmt_port DOWNTIME_INCIDENT_URL=http://127.0.0.1:9 \
  QUARKUS_LOG_LEVEL=WARN DOWNTIME_PROBE_RECONCILE_INTERVAL=5s QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE="${DB_POOL:-20}" \
  DOWNTIME_PROBE_MAX_CONCURRENT="${MAX_CONCURRENT:-1024}" \
  java ${JAVA_OPTS:--Xmx768m} -jar probe-service/target/quarkus-app/quarkus-run.jar > /tmp/evm-scale-probe.log 2>&1 &
probe_pid=$!; pids+=("$probe_pid")
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$mgmt_port/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$mgmt_port/q/health/ready" >/dev/null || { echo "probe-service did not start: /tmp/evm-scale-probe.log" >&2; exit 1; }

psql -q -d "$db" <<SQL
insert into target (name, service, kind, url, interval_seconds, timeout_ms, failure_threshold, success_threshold,
                    evm_chain_id, evm_max_head_age_seconds, created_at, updated_at)
select 'bench-' || i, 'bench', 'EVM_NODE', 'http://127.0.0.1:$anvil_port', $interval, 2000, 2, 2, 31337, 30, now(), now()
from generate_series(1, $targets) as i;
insert into target_status (target_id, state, reason, streak_count) select id, 'UNKNOWN', 'not_probed', 0 from target;
SQL
echo "probe-service pid $probe_pid on :$http_port, anvil pid $anvil_pid on :$anvil_port, $targets targets every ${interval}s"

scrape() { curl -fs "http://127.0.0.1:$mgmt_port/q/metrics"; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
sleep "$warmup"
scrape > /tmp/evm-scale-m0.txt; c0=$(cpu_ticks "$probe_pid"); a0=$(cpu_ticks "$anvil_pid"); t0=$(date +%s.%N)
sleep "$window"
scrape > /tmp/evm-scale-m1.txt; c1=$(cpu_ticks "$probe_pid"); a1=$(cpu_ticks "$anvil_pid"); t1=$(date +%s.%N)
rss_kb=$(awk '/VmRSS/{print $2}' "/proc/$probe_pid/status")
hz=$(getconf CLK_TCK)

python3 - "$t0" "$t1" "$c0" "$c1" "$a0" "$a1" "$hz" "$rss_kb" "$targets" "$interval" <<'PY'
import re, sys
t0, t1, c0, c1, a0, a1, hz, rss, n, interval = sys.argv[1:]
dt = float(t1) - float(t0)
def load(path):
    out = {}
    for line in open(path):
        if line.startswith('#'):
            continue
        m = re.match(r'([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)', line)
        if m:
            out[(m.group(1), m.group(2) or '')] = float(m.group(3))
    return out
m0, m1 = load('/tmp/evm-scale-m0.txt'), load('/tmp/evm-scale-m1.txt')
def delta(name, label_filter=lambda l: True):
    return sum(v - m0.get(k, 0.0) for k, v in m1.items() if k[0] == name and label_filter(k[1]))
probes = delta('downtime_probes_total')
by_state = {}
for (name, labels), v in m1.items():
    if name == 'downtime_probes_total':
        st = re.search(r'state="([^"]+)"', labels).group(1) + '/' + re.search(r'reason="([^"]+)"', labels).group(1)
        by_state[st] = by_state.get(st, 0) + v - m0.get((name, labels), 0.0)
buckets = sorted(((float(re.search(r'le="([^"]+)"', l).group(1).replace('+Inf', 'inf')), v - m0.get((n_, l), 0.0))
                  for (n_, l), v in m1.items() if n_ == 'probe_schedule_lag_seconds_bucket'), key=lambda b: b[0])
total = buckets[-1][1] if buckets else 0
def quantile(q):
    if not total:
        return float('nan')
    rank, prev_le, prev_c = q * total, 0.0, 0.0
    for le, c in buckets:
        if c >= rank:
            if le == float('inf'):
                return prev_le
            return prev_le + (le - prev_le) * ((rank - prev_c) / (c - prev_c) if c > prev_c else 0)
        prev_le, prev_c = le, c
    return prev_le
skipped = {re.search(r'reason="([^"]+)"', l).group(1): v - m0.get((n_, l), 0.0)
           for (n_, l), v in m1.items() if n_ == 'probe_skipped_total'}
print(f"targets {n} x every {interval}s -> planned {int(n)/int(interval):.0f} probes/s; window {dt:.1f}s")
print(f"probes/s             {probes/dt:10.1f}")
print(f"slots fired/s        {total/dt:10.1f}")
print(f"schedule lag p50     {quantile(0.50)*1000:10.1f} ms")
print(f"schedule lag p99     {quantile(0.99)*1000:10.1f} ms   (goal < 100 ms)")
print(f"skipped/s            " + ", ".join(f"{k} {v/dt:.1f}" for k, v in sorted(skipped.items())) if skipped else "skipped/s                   0")
print(f"outcomes             " + ", ".join(f"{k} {v:.0f}" for k, v in sorted(by_state.items()) if v))
print(f"probe-service CPU    {(float(c1)-float(c0))/float(hz)/dt:10.2f} cores")
print(f"anvil CPU            {(float(a1)-float(a0))/float(hz)/dt:10.2f} cores")
print(f"probe-service RSS    {int(rss)/1024:10.0f} MiB")
PY
