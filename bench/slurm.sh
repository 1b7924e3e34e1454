#!/usr/bin/env bash
# Starts the development SLURM cluster (idempotent) and Plinth with the launcher (own port base
# and work dir, so it never meets a dev server), runs bench/SlurmBench.java: tiny jobs straight
# to slurmrestd and through Plinth (executor slurm), in alternating blocks; prints the figures,
# keeps them in bench/target/, stops the server. Run as root (the dev cluster and the job user).
#   bench/slurm.sh [jobs] [concurrency] [blocks]        e.g. bench/slurm.sh 200 2 4
# PLINTH_SLURM_POLL_SECONDS sets plinth.executors.slurm.poll-seconds for the run (default 0.5).
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS=${1:-200}
CONCURRENCY=${2:-2}
BLOCKS=${3:-4}
POLL=${PLINTH_SLURM_POLL_SECONDS:-0.5}
WORK="$PWD/bench/target/server"
export PLINTH_API_KEY=${PLINTH_API_KEY:-bench-key-$(date +%s%N)}
bash server-config/slurm/start-dev-cluster.sh
mkdir -p bench/target
rm -rf bench/target/slurm-direct
LOG=bench/target/slurm-server.log
source bench/server.sh
start_server "$WORK" "$LOG" -o -Dplinth.executors.slurm.enabled=true -Dplinth.executors.slurm.service-user=plinth \
  -Dplinth.executors.slurm.poll-seconds="$POLL" -Dplinth.apps.script.roles=admin,user
echo "server at $URL, SLURM poll every $POLL s; load: $(cut -d' ' -f1-3 /proc/loadavg)"
java bench/SlurmBench.java "$URL" "$PLINTH_API_KEY" "$JOBS" "$CONCURRENCY" "$BLOCKS" "$PWD/bench/target/slurm-direct" \
  | tee "bench/target/slurm-bench-$(date +%Y%m%d-%H%M%S).log"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
