#!/usr/bin/env bash
# Runs a development Keycloak with the plinth realm imported, in the foreground (Ctrl-C stops it).
#
#   server-config/keycloak/run-keycloak.sh [port]        # default port 8180 (8080 is Payara's)
#
# Keycloak comes from Maven Central (org.keycloak:keycloak-quarkus-dist, zip), unpacked by
#   ./mvnw -pl server-config -Pkeycloak process-resources
# into server-config/target/keycloak/ (never into git). KEYCLOAK_HOME points elsewhere if you have one.
# The master-realm admin is KC_BOOTSTRAP_ADMIN_USERNAME / KC_BOOTSTRAP_ADMIN_PASSWORD
# (default admin / admin: a development server on 127.0.0.1 only).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
port="${1:-${KEYCLOAK_PORT:-8180}}"
home="${KEYCLOAK_HOME:-$(ls -d "$here"/../target/keycloak/keycloak-* 2>/dev/null | head -n 1 || true)}"
if [[ -z "$home" || ! -x "$home/bin/kc.sh" ]]; then
  echo "No Keycloak found. Fetch it with: ./mvnw -q -pl server-config -Pkeycloak process-resources" >&2
  echo "(or set KEYCLOAK_HOME to an unpacked keycloak-quarkus-dist)" >&2
  exit 1
fi

# --import-realm reads only data/import/*.json and skips a realm that already exists, so the
# dev database is dropped when the realm file changed since the last start.
mkdir -p "$home/data/import"
if ! cmp -s "$here/plinth-realm.json" "$home/data/import/plinth-realm.json"; then
  rm -rf "$home/data/h2"
  cp "$here/plinth-realm.json" "$home/data/import/plinth-realm.json"
fi

export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"

# --hostname pins the issuer: in dev mode it otherwise follows the request's host, and a token
# fetched from 127.0.0.1 would carry another `iss` than one fetched from localhost.
exec "$home/bin/kc.sh" start-dev \
  --http-port "$port" \
  --http-host 127.0.0.1 \
  --hostname "http://localhost:$port" \
  --import-realm
