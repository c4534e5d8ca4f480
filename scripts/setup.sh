#!/usr/bin/env bash
# Installs what the system and its tests need on a fresh Debian 12 machine of this kind, idempotently:
#  - Anvil (a real Ethereum JSON-RPC node) from npm into the git-ignored .tools/ folder;
#  - solc (solcjs, the Solidity compiler as JavaScript: compiles offline) from npm into .tools/, which
#    probe-service's evm-contract tests use to compile their Pausable contract;
#  - the PostgreSQL databases of the three services (and their test databases) on $PGHOST:$PGPORT;
#  - promtool (Debian package prometheus), which the sla-service tests use to check the generated rules; the
#    package's Prometheus daemon is neither started nor enabled (nothing listens on :9090 afterwards).
#  - Debian's chromium, which sla-service's status page test drives headless.
#  - socat and iproute2 (ip netns), which the network partition system test uses.
#  - Alertmanager (Debian package prometheus-alertmanager), which incident-service's ingestion test starts on
#    loopback with its own config; the package's daemon is neither started nor enabled.
# Environment: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
# package installs need root: use sudo when not root
SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo
root="$(cd "$(dirname "$0")/.." && pwd)"
ANVIL_VERSION="1.7.1"
SOLC_VERSION="0.8.37"
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

anvil="$root/.tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil"
if [ ! -x "$anvil" ] || ! "$anvil" --version 2>/dev/null | grep -q "$ANVIL_VERSION"; then
  echo "setup: installing anvil $ANVIL_VERSION from npm into .tools/"
  mkdir -p "$root/.tools"
  npm install --silent --no-audit --no-fund --prefix "$root/.tools" "@foundry-rs/anvil-linux-amd64@$ANVIL_VERSION" >/dev/null
  chmod +x "$anvil"
fi
"$anvil" --version | head -1

solcjs="$root/.tools/node_modules/solc/solc.js"
if [ ! -f "$solcjs" ] || [ "$(node -p "require('$root/.tools/node_modules/solc/package.json').version" 2>/dev/null)" != "$SOLC_VERSION" ]; then
  echo "setup: installing solc (solcjs) $SOLC_VERSION from npm into .tools/"
  mkdir -p "$root/.tools"
  npm install --silent --no-audit --no-fund --prefix "$root/.tools" "solc@$SOLC_VERSION" >/dev/null
fi
echo "solcjs $(node "$solcjs" --version)"

if ! command -v promtool >/dev/null; then
  echo "setup: installing promtool (Debian package prometheus) without starting its daemon"
  # invoke-rc.d asks policy-rc.d whether a package may start its service: 101 = no. Use the machine's own
  # policy when it has one (Docker images forbid starting already), else a temporary one removed afterwards.
  policy=/usr/sbin/policy-rc.d
  temporary_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && temporary_policy="$policy"
    trap 'if [ -n "$temporary_policy" ]; then $SUDO rm -f "$temporary_policy"; fi' EXIT
  fi
  $SUDO apt-get update -qq
  $SUDO env RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  if [ -n "$temporary_policy" ]; then $SUDO rm -f "$temporary_policy"; temporary_policy=""; fi
  # should a daemon have started regardless (e.g. systemd without invoke-rc.d), stop it and keep it off at boot
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
    $SUDO systemctl disable --now prometheus >/dev/null 2>&1 || true
  elif [ -x /etc/init.d/prometheus ]; then
    $SUDO /etc/init.d/prometheus stop >/dev/null 2>&1 || true
    $SUDO update-rc.d prometheus disable >/dev/null 2>&1 || true
  fi
fi
promtool --version 2>&1 | head -1

if ! command -v prometheus-alertmanager >/dev/null; then
  echo "setup: installing prometheus-alertmanager without starting its daemon"
  policy=/usr/sbin/policy-rc.d
  am_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && am_policy="$policy"
  fi
  $SUDO apt-get update -qq
  $SUDO env RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus-alertmanager >/dev/null
  if [ -n "$am_policy" ]; then $SUDO rm -f "$am_policy"; fi
  if [ -d /run/systemd/system ] && command -v systemctl >/dev/null; then
    $SUDO systemctl disable --now prometheus-alertmanager >/dev/null 2>&1 || true
  elif [ -x /etc/init.d/prometheus-alertmanager ]; then
    $SUDO /etc/init.d/prometheus-alertmanager stop >/dev/null 2>&1 || true
    $SUDO update-rc.d prometheus-alertmanager disable >/dev/null 2>&1 || true
  fi
fi
prometheus-alertmanager --version 2>&1 | head -1

if ! command -v curl >/dev/null || ! command -v jq >/dev/null; then
  echo "setup: installing curl and jq (run-local.sh and the README's examples use them)"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq curl jq >/dev/null
fi

if ! command -v socat >/dev/null || ! command -v ip >/dev/null; then
  echo "setup: installing socat and iproute2 (NetworkPartitionIT relays between network namespaces with them)"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq socat iproute2 >/dev/null
fi

if ! command -v psql >/dev/null; then
  echo "setup: installing the PostgreSQL client"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq postgresql-client >/dev/null
fi
if ! command -v chromium >/dev/null; then
  echo "setup: installing chromium (headless browser for the status page test)"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi

for attempt in $(seq 1 30); do
  pg_isready -q && break
  [ "$attempt" = 30 ] && { echo "setup: PostgreSQL at $PGHOST:$PGPORT is not answering" >&2; exit 1; }
  sleep 1
done
for db in downtime_probe downtime_incident downtime_sla downtime_probe_test downtime_incident_test downtime_sla_test; do
  if [ -z "$(psql -d postgres -tAc "select 1 from pg_database where datname = '$db'")" ]; then
    psql -d postgres -qc "create database $db" && echo "setup: created database $db"
  fi
done
