#!/usr/bin/env bash
# The cost of the live outputs at B2 (20 000/s by default): barrage with --prometheus (scraped every
# second by a real Prometheus), --remote-write (into the same Prometheus) and --dashboard (one
# stream client) against barrage with none, interleaved in the peers kit.
#   bench/outputs-cost.sh [rounds]
set -u
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/outputs-cost.XXXXXX)
cat >"$dir/prometheus.yml" <<YML
global: {scrape_interval: 1s}
scrape_configs:
  - job_name: barrage
    scrape_interval: 1s
    static_configs: [{targets: ['127.0.0.1:9464']}]
YML
prometheus --config.file="$dir/prometheus.yml" --storage.tsdb.path="$dir/data" --web.listen-address=127.0.0.1:9095 \
  --web.enable-remote-write-receiver --enable-feature=native-histograms --log.level=warn >"$dir/prometheus.log" 2>&1 &
prom=$!
trap 'kill $prom 2>/dev/null' EXIT
sleep 2
BARRAGE_HOME=$PWD EXTRA_ADAPTERS=$PWD/bench/adapters-outputs.sh RESULTS_DIR=$PWD/bench/results B2_RATE=${B2_RATE:-20000} \
  ../shared/peers/run-all.sh -b B2 -t "barrage barrage_outputs" -r "${1:-3}"
