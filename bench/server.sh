# Sourced by the bench scripts (from the repository root): starts Plinth with the launcher on its
# own port base and work dir, so that it never meets a dev server, and stops it, Payara then
# PostgreSQL, when the calling script exits.
#   start_server WORK LOG [more mvnw arguments]   sets LAUNCHER and URL, returns once ready
#   payara_pid WORK                                the pid of that work dir's Payara JVM
# BENCH_PORT_BASE moves the ports (default 18000: HTTP on 18080).
PORT_BASE=${BENCH_PORT_BASE:-18000}

start_server() {
  local work=$1 log=$2
  shift 2
  ./mvnw -q -Prun package -Dplinth.port-base="$PORT_BASE" -Dplinth.work-dir="$work" "$@" >"$log" 2>&1 &
  LAUNCHER=$!
  trap stop_server EXIT
  URL="http://localhost:$((PORT_BASE + 80))"
  for _ in $(seq 1 900); do
    if curl -sf "$URL/health/ready" >/dev/null 2>&1 && grep -q "ready" "$log"; then return 0; fi
    if ! kill -0 "$LAUNCHER" 2>/dev/null; then cat "$log"; echo "the server did not start" >&2; exit 1; fi
    sleep 1
  done
  echo "the server was not ready after 900 s (log: $log)" >&2
  exit 1
}

stop_server() {
  kill -TERM "$LAUNCHER" 2>/dev/null || true
  wait "$LAUNCHER" 2>/dev/null || true
}

# The Payara JVM of this work dir (not the launcher, not another server on the machine).
payara_pid() {
  local pid
  pid=$(jcmd -l | awk -v d="-domaindir $1/domains/" 'index($0, "ASMain") && index($0, d) {print $1; exit}')
  if [ -z "$pid" ]; then echo "no Payara JVM for $1 found with jcmd -l" >&2; exit 1; fi
  echo "$pid"
}

# The platform's own baselines (bench/baseline-war: empty batch jobs, a plain transfer servlet),
# deployed next to Plinth at $URL/baseline for a run and undeployed after it.
ASADMIN=(server-config/target/payara/payara6/bin/asadmin --port $((PORT_BASE + 48)))
deploy_baseline() {
  ./mvnw -q -f bench/baseline-war/pom.xml package
  "${ASADMIN[@]}" deploy --force=true --contextroot baseline bench/baseline-war/target/baseline.war >/dev/null
}
undeploy_baseline() {
  "${ASADMIN[@]}" undeploy baseline >/dev/null
}
