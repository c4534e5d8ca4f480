#!/usr/bin/env bash
# Regenerates k8s/base/<service>.yml from quarkus-kubernetes (each service's application.properties), without
# the per-build annotations (commit id, build timestamp) so that a diff shows only real changes.
# Run after changing a service's quarkus.kubernetes.* config; review and commit the result.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl common,probe-service,incident-service,sla-service -am package -DskipTests
mkdir -p k8s/base
for svc in probe-service incident-service sla-service; do
  grep -v -E 'app\.quarkus\.io/(commit-id|build-timestamp)' "$svc/target/kubernetes/kubernetes.yml" > "k8s/base/$svc.yml"
  echo "k8s/base/$svc.yml"
done
