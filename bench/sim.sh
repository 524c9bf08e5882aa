#!/usr/bin/env bash
# The simulated service's ceiling and the latency it adds, measured with wrk (from ../shared/peers/setup.sh).
#   bench/sim.sh [ROUNDS]      prints one line per configuration and round
# Each configuration: `barrage sim` on a free port, 2 s of warm-up, then
#   wrk -t2 -c64 -d10s /fast   (the ceiling: requests/s through the balancer)
#   wrk -t1 -c1  -d5s  /fast   (one connection, one request at a time: the latency the service adds)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
PORT=18097
configs=(
  "--backends 1"
  "--backends 4 --balancer round-robin"
  "--backends 4 --balancer least-connections"
  "--backends 4 --balancer weighted --weights 3,1,1,1"
  "--backends 4 --balancer hash"
)
for r in $(seq 1 "$ROUNDS"); do
  for c in "${configs[@]}"; do
    # shellcheck disable=SC2086
    ./barrage sim --port $PORT $c > /tmp/barrage-sim-bench.log 2>&1 &
    pid=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/fast" > /dev/null 2>&1 && break; sleep 0.2; done
    wrk -t2 -c64 -d2s "http://127.0.0.1:$PORT/fast" > /dev/null
    ceiling=$(wrk -t2 -c64 -d10s "http://127.0.0.1:$PORT/fast" | awk '/Requests\/sec/ {print $2}')
    single=$(wrk -t1 -c1 -d5s --latency "http://127.0.0.1:$PORT/fast" | awk '/ 50%/ {p50=$2} / 99%/ {p99=$2} END {print "p50 " p50 " p99 " p99}')
    echo "round $r | $c | ${ceiling} req/s (64 connections) | one connection: $single"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
done
