#!/usr/bin/env bash
# Benchmark: http probes per second of probe-service against Prometheus blackbox_exporter, in one go on this
# machine, against the same local nginx, with a fresh connection per probe for both (blackbox_exporter builds a
# new HTTP client per probe; probe-service's http prober has keep-alive off).
#
#  1. nginx (Debian nginx-light) on a loopback port serves a small static page (and answers probe-service's
#     signals on a second port with 202, standing in for incident-service);
#  2. blackbox_exporter (Debian prometheus-blackbox-exporter) with module http_2xx, driven by wrk through a Lua
#     script hitting /probe?target=...&module=http_2xx at its maximum sustainable rate (closed loop, WRK_CONNECTIONS
#     concurrent probes); probes/s = successful probes (probe_success 1) / duration;
#  3. probe-service (the packaged jar, its own fresh database downtime_bench_probe) with TARGETS http targets at a
#     1 s interval against the same nginx; probes/s from its counter downtime_probes_total on /q/metrics over the
#     same duration, after a warm-up.
# Prints probes/s, success ratio, p99 schedule lag (when probe-service exposes it), CPU (cores, from
# /proc/<pid>/stat) and RSS (MiB) side by side. Needs root or sudo for apt; PostgreSQL as for scripts/setup.sh.
#
# Environment: DURATION (seconds measured, 30), WARMUP (seconds, 20), TARGETS (probe-service http targets, 5000),
# WRK_CONNECTIONS (blackbox concurrency, 32), WRK_THREADS (2), JAVA_OPTS (JVM options of probe-service; default
# -Xmx384m, within the chart's 512 MiB memory limit),
# SKIP_BUILD=1 to reuse probe-service/target/quarkus-app.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
DURATION="${DURATION:-30}"
WARMUP="${WARMUP:-20}"
TARGETS="${TARGETS:-5000}"
WRK_CONNECTIONS="${WRK_CONNECTIONS:-32}"
WRK_THREADS="${WRK_THREADS:-2}"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive

# --- tools (Debian packages; their daemons are not started: the script runs its own instances) ---
missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v prometheus-blackbox-exporter >/dev/null || missing+=(prometheus-blackbox-exporter)
command -v wrk >/dev/null || missing+=(wrk)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]}"
  policy=/usr/sbin/policy-rc.d
  temporary_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && temporary_policy="$policy"
  fi
  $SUDO apt-get update -qq
  $SUDO env RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ -n "$temporary_policy" ] && $SUDO rm -f "$temporary_policy"
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"

work="$(mktemp -d /tmp/bench-http-XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
ulimit -n 65536 2>/dev/null || true

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
# utime + stime of a process in clock ticks
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# the same for nginx: its master and its worker processes
nginx_ticks() { local t=0 p; for p in "$NGINX_PID" $(pgrep -P "$NGINX_PID"); do t=$((t + $(cpu_ticks "$p"))); done; echo "$t"; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
hz="$(getconf CLK_TCK)"
cores() { awk -v a="$1" -v b="$2" -v hz="$hz" -v d="$3" 'BEGIN {printf "%.2f", (b - a) / hz / d}'; }

NGINX_PORT="$(free_port)"; SIGNAL_PORT="$(free_port)"; BB_PORT="$(free_port)"; PROBE_PORT="$(free_port)"; PROBE_MGMT_PORT="$(free_port)"

# --- nginx: a small static page; a stand-in for incident-service's signal intake ---
mkdir -p "$work/nginx/html" "$work/nginx/tmp"
echo '<!doctype html><title>ok</title><p>ok</p>' >"$work/nginx/html/index.html"
# nginx's workers run as an unprivileged user when started as root: let them read the page
chmod 755 "$work" "$work/nginx" "$work/nginx/html" && chmod 644 "$work/nginx/html/index.html"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 16384; multi_accept on; }
http {
  access_log off;
  client_body_temp_path $work/nginx/tmp; proxy_temp_path $work/nginx/tmp; fastcgi_temp_path $work/nginx/tmp;
  uwsgi_temp_path $work/nginx/tmp; scgi_temp_path $work/nginx/tmp;
  server { listen 127.0.0.1:$NGINX_PORT backlog=4096; root $work/nginx/html; }
  server { listen 127.0.0.1:$SIGNAL_PORT; location / { default_type application/json; return 202 '{"duplicate":false}'; } }
}
EOF
"$NGINX" -c "$work/nginx/nginx.conf" -p "$work/nginx" -g 'daemon off;' &
pids+=($!)
NGINX_PID=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$NGINX_PORT/" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$NGINX_PORT/" >/dev/null || { echo "bench: nginx did not start" >&2; cat "$work/nginx/error.log" >&2; exit 1; }
TARGET_URL="http://127.0.0.1:$NGINX_PORT/"

# --- 1. blackbox_exporter driven by wrk ---
cat >"$work/blackbox.yml" <<EOF
modules:
  http_2xx:
    prober: http
    timeout: 5s
    http:
      method: GET
      valid_status_codes: [200]
      preferred_ip_protocol: ip4
EOF
prometheus-blackbox-exporter --config.file="$work/blackbox.yml" --web.listen-address="127.0.0.1:$BB_PORT" \
  --log.level=error >"$work/blackbox.log" 2>&1 &
pids+=($!)
BB_PID=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$BB_PORT/-/healthy" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$BB_PORT/probe?target=$TARGET_URL&module=http_2xx" | grep -q '^probe_success 1' \
  || { echo "bench: blackbox_exporter probe of nginx failed" >&2; exit 1; }
cat >"$work/probe.lua" <<EOF
wrk.path = "/probe?target=$TARGET_URL&module=http_2xx"
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; failed = 0 end
function response(status, headers, body)
  if status == 200 and string.find(body, "probe_success 1", 1, true) then ok = ok + 1 else failed = failed + 1 end
end
function done(summary, latency, requests)
  local o, f = 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); f = f + t:get("failed") end
  io.write(string.format("BLACKBOX_OK=%d\nBLACKBOX_FAILED=%d\nBLACKBOX_P99_MS=%.1f\n", o, f, latency:percentile(99) / 1000))
end
EOF
echo "bench: blackbox_exporter, wrk -t$WRK_THREADS -c$WRK_CONNECTIONS for ${DURATION}s (after a 5 s warm-up)"
wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d5s -s "$work/probe.lua" "http://127.0.0.1:$BB_PORT" >/dev/null
bb_cpu0="$(cpu_ticks "$BB_PID")"; ng_cpu0="$(nginx_ticks)"
wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${DURATION}s" -s "$work/probe.lua" "http://127.0.0.1:$BB_PORT" \
  >"$work/wrk.out" &
WRK_PID=$!
sleep 1
wrk_cpu0="$(cpu_ticks "$WRK_PID")"
sleep $((DURATION - 2))
wrk_cpu1="$(cpu_ticks "$WRK_PID" 2>/dev/null || echo "$wrk_cpu0")"
wait "$WRK_PID"
bb_cpu1="$(cpu_ticks "$BB_PID")"; ng_cpu1="$(nginx_ticks)"
eval "$(grep -E '^BLACKBOX_' "$work/wrk.out")"
bb_rate="$(awk -v o="$BLACKBOX_OK" -v d="$DURATION" 'BEGIN {printf "%.0f", o / d}')"
bb_ok="$(awk -v o="$BLACKBOX_OK" -v f="$BLACKBOX_FAILED" 'BEGIN {printf "%.1f", (o + f) ? 100 * o / (o + f) : 0}')"
bb_cores="$(cores "$bb_cpu0" "$bb_cpu1" "$DURATION")"; bb_rss="$(rss_mib "$BB_PID")"
bb_nginx="$(cores "$ng_cpu0" "$ng_cpu1" "$DURATION")"
wrk_cores="$(cores "$wrk_cpu0" "$wrk_cpu1" "$((DURATION - 2))")"
kill "$BB_PID"; wait "$BB_PID" 2>/dev/null || true

# --- 2. probe-service ---
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$root/probe-service/target/quarkus-app/quarkus-run.jar" ]; then
  echo "bench: packaging probe-service"
  (cd "$root" && ./mvnw -B -q -pl probe-service -am package -DskipTests)
fi
psql -d postgres -qc "drop database if exists downtime_bench_probe" && psql -d postgres -qc "create database downtime_bench_probe"
# health and metrics are on the management interface; the API needs a bearer JWT (scripts/token.sh's local key)
admin_token="$("$root/scripts/token.sh" admin bench)"
DOWNTIME_PROBE_DB=downtime_bench_probe QUARKUS_HTTP_PORT="$PROBE_PORT" QUARKUS_MANAGEMENT_PORT="$PROBE_MGMT_PORT" \
  DOWNTIME_JWT_PUBLIC_KEY_LOCATION="$root/.run/jwt/publicKey.pem" \
  DOWNTIME_INCIDENT_URL="http://127.0.0.1:$SIGNAL_PORT" QUARKUS_LOG_LEVEL=WARN \
  java ${JAVA_OPTS:--Xmx384m} -jar "$root/probe-service/target/quarkus-app/quarkus-run.jar" >"$work/probe-service.log" 2>&1 &
pids+=($!)
PS_PID=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PROBE_MGMT_PORT/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$PROBE_MGMT_PORT/q/health/ready" >/dev/null || { echo "bench: probe-service did not start" >&2; tail -50 "$work/probe-service.log" >&2; exit 1; }
echo "bench: registering $TARGETS http targets (interval 1 s, timeout 1000 ms) with probe-service"
# one through the REST API (validated like any user's), the rest as copies of its row straight into the bench
# database: thousands of POSTs would take minutes while the first targets already load the service; the engine's
# reconcile run (downtime.probe.reconcile-interval, 10 s) schedules them
curl -fs -o /dev/null -H 'Content-Type: application/json' -H "Authorization: Bearer $admin_token" \
  -d "{\"name\":\"bench-1\",\"service\":\"bench\",\"kind\":\"http\",\"url\":\"$TARGET_URL\",\"intervalSeconds\":1,\"timeoutMs\":1000,\"failureThreshold\":2,\"successThreshold\":2}" \
  "http://127.0.0.1:$PROBE_PORT/api/v1/targets"
columns="$(psql -d downtime_bench_probe -tAc "select string_agg(column_name, ', ' order by ordinal_position) from information_schema.columns where table_name = 'target' and column_name not in ('id', 'name')")"
psql -d downtime_bench_probe -qc "insert into target (name, $columns) select 'bench-' || n, $columns from target, generate_series(2, $TARGETS) n where name = 'bench-1'"
psql -d downtime_bench_probe -qc "insert into target_status (target_id, state, reason, streak_count) select id, 'UNKNOWN', 'not_probed', 0 from target where id not in (select target_id from target_status)"
echo "bench: $(psql -d downtime_bench_probe -tAc 'select count(*) from target') targets stored"
metrics() { curl -fs "http://127.0.0.1:$PROBE_MGMT_PORT/q/metrics"; }
# "<all probes> <UP probes>" from one scrape of downtime_probes_total
probes() { metrics | awk '/^downtime_probes_total\{/ {s += $NF; if ($0 ~ /state="UP"/) u += $NF} END {printf "%.0f %.0f", s, u}'; }
echo "bench: probe-service warm-up ${WARMUP}s (includes the next reconcile run), then ${DURATION}s measured"
sleep "$WARMUP"
read -r p0 u0 <<<"$(probes)"; ps_cpu0="$(cpu_ticks "$PS_PID")"; ng_cpu0="$(nginx_ticks)"
sleep "$DURATION"
read -r p1 u1 <<<"$(probes)"; ps_cpu1="$(cpu_ticks "$PS_PID")"; ng_cpu1="$(nginx_ticks)"
ps_rss="$(rss_mib "$PS_PID")"
ps_rate="$(awk -v a="$p0" -v b="$p1" -v d="$DURATION" 'BEGIN {printf "%.0f", (b - a) / d}')"
ps_ok="$(awk -v a="$p0" -v b="$p1" -v ua="$u0" -v ub="$u1" 'BEGIN {printf "%.1f", (b - a) ? 100 * (ub - ua) / (b - a) : 0}')"
ps_cores="$(cores "$ps_cpu0" "$ps_cpu1" "$DURATION")"
ps_nginx="$(cores "$ng_cpu0" "$ng_cpu1" "$DURATION")"
# p99 schedule lag, when the engine exposes a lag histogram/summary (name contains schedule_lag)
lag="$(metrics | awk '/schedule_lag/ && /quantile="0.99"/ {v = $NF} END {if (v != "") printf "%.1f ms", v * 1000; else print "n/a"}')"
if [ "$lag" = "n/a" ]; then
  lag="$(metrics | awk '/^[a-z_]*schedule_lag[a-z_]*_max/ {v = $NF} END {if (v != "") printf "max %.1f ms", v * 1000; else print "n/a"}')"
fi
reasons="$(metrics | awk '/^downtime_probes_total\{/ && !/state="UP"/ {match($0, /reason="[^"]*"/); r[substr($0, RSTART + 8, RLENGTH - 9)] += $NF} END {for (k in r) printf "%s=%d ", k, r[k]}')"

echo
echo "== http probes, fresh connection each, against local nginx ($(nproc) cores, ${DURATION}s measured) =="
printf '%-20s %10s %9s %14s %10s %12s %12s\n' "prober" "probes/s" "success%" "p99" "CPU cores" "RSS MiB" "nginx cores"
printf '%-20s %10s %9s %14s %10s %12s %12s\n' "blackbox_exporter" "$bb_rate" "$bb_ok" "${BLACKBOX_P99_MS} ms (probe)" "$bb_cores" "$bb_rss" "$bb_nginx"
printf '%-20s %10s %9s %14s %10s %12s %12s\n' "probe-service" "$ps_rate" "$ps_ok" "$lag (lag)" "$ps_cores" "$ps_rss" "$ps_nginx"
echo "load generator wrk (blackbox run): $wrk_cores cores; probe-service: $TARGETS targets at 1 s (offered $TARGETS probes/s)"
[ -n "$reasons" ] && echo "probe-service non-UP probes (cumulative): $reasons"
awk -v a="$ps_rate" -v b="$bb_rate" 'BEGIN {if (b > 0) printf "ratio probe-service / blackbox_exporter: %.2fx (goal >= 2x)\n", a / b}'
