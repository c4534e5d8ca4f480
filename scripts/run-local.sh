#!/usr/bin/env bash
# Runs the whole Downtime system on this machine, in the foreground, until Ctrl-C or SIGTERM:
#   installs what is missing (scripts/setup.sh: Anvil into .tools/, the databases), builds the services,
#   starts a local Anvil chain (1 s blocks) and probe-service :8081, incident-service :8082, sla-service :8083,
#   registers the chain as an evm-node target of the service "demo-dex" with an SLA, and prints where to look.
# Authentication stays on: scripts/token.sh makes a local signing key pair in .run/jwt/ on first use; the services
# verify tokens with its public key, probe-service and sla-service get their own prober/viewer tokens, and
# `scripts/token.sh ROLE` prints a token for your curl calls. Health and metrics are on the management ports
# 9081/9082/9083 (probe/incident/sla), not on the API ports.
# Environment: ANVIL_PORT (8545), SKIP_BUILD=1 to reuse the last build, PG* for the database.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
ANVIL_PORT="${ANVIL_PORT:-8545}"
run="$root/.run"
mkdir -p "$run"
pids=()

stop_all() {
  trap - INT TERM EXIT
  echo
  echo "run-local: stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_all EXIT
trap 'exit 0' INT TERM

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$ANVIL_PORT" 8081 8082 8083 9081 9082 9083; do
  port_free "$port" || { echo "run-local: port $port is already in use" >&2; exit 1; }
done

"$root/scripts/setup.sh"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "run-local: building (./mvnw -DskipTests install)"
  "$root/mvnw" -B -q -DskipTests install
fi

anvil="$root/.tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
"$anvil" --host 127.0.0.1 --port "$ANVIL_PORT" --block-time 1 >"$run/anvil.log" 2>&1 &
pids+=($!)

start_service() { # module [service token]
  DOWNTIME_SERVICE_TOKEN="${2:-}" java -Xmx384m -jar "$root/$1/target/quarkus-app/quarkus-run.jar" >"$run/$1.log" 2>&1 &
  pids+=($!)
}
export DOWNTIME_INCIDENT_URL="http://127.0.0.1:8082"
# bearer tokens: verified with the local key pair's public key (made by token.sh on first use)
token() { "$root/scripts/token.sh" "$@"; }
admin_token=$(token admin run-local)
export DOWNTIME_JWT_PUBLIC_KEY_LOCATION="$run/jwt/publicKey.pem" DOWNTIME_TOKEN_TTL=2592000
# verifiable reports are anchored on the local chain with Anvil's well-known dev account 0 (local use only;
# in Kubernetes the key comes from a Secret)
export DOWNTIME_SLA_ANCHOR_RPC_URL="http://127.0.0.1:$ANVIL_PORT" DOWNTIME_SLA_ANCHOR_CHAIN_ID=31337
export DOWNTIME_SLA_ANCHOR_PRIVATE_KEY=0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80
start_service incident-service
start_service probe-service "$(token prober probe-service)"
start_service sla-service "$(token viewer sla-service)"
unset DOWNTIME_TOKEN_TTL

wait_ready() { # url name
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "run-local: $2 did not become ready; see $run/" >&2
  exit 1
}
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}' "http://127.0.0.1:$ANVIL_PORT" 2>/dev/null && break
  sleep 0.5
done
for port in 9082 9081 9083; do wait_ready "http://127.0.0.1:$port/q/health/ready" "service with management port :$port"; done

echo "run-local: registering the local chain as target anvil-local of service demo-dex"
code=$(curl -sS -o "$run/target.json" -w '%{http_code}' -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d "{\"name\":\"anvil-local\",\"service\":\"demo-dex\",\"kind\":\"evm-node\",\"url\":\"http://127.0.0.1:$ANVIL_PORT\",
       \"intervalSeconds\":1,\"timeoutMs\":800,\"failureThreshold\":2,\"successThreshold\":2,
       \"evm\":{\"chainId\":31337,\"maxHeadAgeSeconds\":5}}" \
  http://127.0.0.1:8081/api/v1/targets)
case "$code" in 201|409) ;; *) echo "run-local: registering the target failed ($code): $(cat "$run/target.json")" >&2; exit 1;; esac
curl -fsS -o /dev/null -X PUT -H "Authorization: Bearer $admin_token" -H 'Content-Type: application/json' \
  -d '{"objective":99.9,"window":"P30D","revenue":{"model":"flat","amountPerHour":"3600.00","currency":"USD"},
       "creditTiers":[{"belowPercent":99.9,"creditPercent":10},{"belowPercent":99.0,"creditPercent":25}]}' \
  http://127.0.0.1:8083/api/v1/slas/demo-dex

cat <<TXT

Downtime is running (logs in .run/). The API needs a bearer token: scripts/token.sh viewer|responder|admin prints one.
  T=\$(scripts/token.sh viewer)
  targets        curl -H "Authorization: Bearer \$T" http://127.0.0.1:8081/api/v1/targets
  incidents      curl -H "Authorization: Bearer \$T" 'http://127.0.0.1:8082/api/v1/incidents?service=demo-dex'
  outages        curl -H "Authorization: Bearer \$T" http://127.0.0.1:8082/api/v1/services/demo-dex/outages
  SLA report     curl -H "Authorization: Bearer \$T" http://127.0.0.1:8083/api/v1/slas/demo-dex/report
  burn-rate rules curl -H "Authorization: Bearer \$T" http://127.0.0.1:8083/api/v1/slas/demo-dex/prometheus-rules
  status page    http://127.0.0.1:8083/status (public)
  OpenAPI        http://127.0.0.1:808{1,2,3}/q/openapi (public)
  management     metrics http://127.0.0.1:908{1,2,3}/q/metrics   health http://127.0.0.1:908{1,2,3}/q/health
Make an outage: halt the chain, then resume it
  curl -s -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"evm_setIntervalMining","params":[0]}' http://127.0.0.1:$ANVIL_PORT
  curl -s -H 'Content-Type: application/json' -d '{"jsonrpc":"2.0","id":1,"method":"evm_setIntervalMining","params":[1]}' http://127.0.0.1:$ANVIL_PORT
Ctrl-C stops everything.
TXT
wait -n "${pids[@]}" || true
echo "run-local: a process exited; see .run/*.log" >&2
exit 1
