#!/usr/bin/env bash
# Prints a bearer token (a JWT signed RS256) that the locally run services accept, for the role(s) given:
#   scripts/token.sh ROLE[,ROLE...] [SUBJECT]
#   curl -H "Authorization: Bearer $(scripts/token.sh admin)" localhost:8081/api/v1/targets
# Roles: viewer (read), responder (incident lifecycle), admin (configuration; includes responder and viewer),
# prober (signals and heartbeats only). SUBJECT defaults to $USER. DOWNTIME_TOKEN_TTL: lifetime in seconds (12 h).
# DOWNTIME_TOKEN_SERVICES=dex,bridge restricts the token to those services (claim "services":["dex","bridge"],
# object-level scope: other services' targets, incidents, SLAs answer 404); unset or empty: every service.
# On first use it makes the local signing key pair, .run/jwt/{privateKey,publicKey}.pem (git-ignored; openssl);
# run-local.sh gives the services publicKey.pem (DOWNTIME_JWT_PUBLIC_KEY_LOCATION). For local use only: in a real
# deployment tokens come from your identity provider (see README "Security").
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
keys="$root/.run/jwt"
issuer="${DOWNTIME_JWT_ISSUER:-downtime}"
ttl="${DOWNTIME_TOKEN_TTL:-43200}"

usage() { echo "usage: $0 viewer|responder|admin|prober[,ROLE...] [SUBJECT]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
case "$ttl" in ''|*[!0-9]*) echo "token.sh: DOWNTIME_TOKEN_TTL must be a number of seconds" >&2; exit 2;; esac
groups=""
IFS=',' read -r -a roles <<<"$1"
[ "${#roles[@]}" -ge 1 ] || usage
for role in "${roles[@]}"; do
  case "$role" in viewer|responder|admin|prober) ;; *) echo "token.sh: unknown role '$role'" >&2; usage;; esac
  groups="${groups:+$groups,}\"$role\""
done
subject="${2:-${USER:-local}}"
services_claim=""
if [ -n "${DOWNTIME_TOKEN_SERVICES:-}" ]; then
  names=""
  IFS=',' read -r -a scoped <<<"$DOWNTIME_TOKEN_SERVICES"
  for name in "${scoped[@]}"; do
    case "$name" in ''|*[!A-Za-z0-9._:/@-]*)
      echo "token.sh: DOWNTIME_TOKEN_SERVICES holds comma-separated service names (letters, digits and . _ : / @ -)" >&2
      exit 2;;
    esac
    names="${names:+$names,}\"$name\""
  done
  services_claim=",\"services\":[$names]"
fi
case "$subject" in *[!A-Za-z0-9._@-]*) echo "token.sh: SUBJECT may hold letters, digits and . _ @ - only" >&2; exit 2;; esac

if [ ! -s "$keys/privateKey.pem" ] || [ ! -s "$keys/publicKey.pem" ]; then
  mkdir -p "$keys"
  chmod 700 "$keys"
  (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/privateKey.pem" 2>/dev/null)
  openssl pkey -in "$keys/privateKey.pem" -pubout -out "$keys/publicKey.pem"
  echo "token.sh: made the local signing key pair in $keys" >&2
fi

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
jti=$(openssl rand -hex 12)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
payload=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":[%s]%s,"iat":%d,"exp":%d,"jti":"%s"}' \
  "$issuer" "$subject" "$subject" "$groups" "$services_claim" "$now" "$((now + ttl))" "$jti" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$keys/privateKey.pem" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
