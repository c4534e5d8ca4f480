#!/usr/bin/env bash
# The project's test command (README, .ci/run): installs what the tests need (scripts/setup.sh), then builds
# everything and runs every test — unit, @QuarkusTest against the local PostgreSQL and a real Anvil, and the
# black-box system tests of the three services as real processes — with formatting checked, not rewritten.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
cd "$root"
exec ./mvnw -B verify -Dformat.goal=validate -Dimpsort.goal=check "$@"
