# barrage with its live outputs on (barrage_outputs) beside barrage with none, in the peers kit:
# a Prometheus scraping --prometheus every second and receiving --remote-write, and a client on the
# dashboard's stream. Start the Prometheus first (bench/outputs-cost.sh does it all).
source "$BARRAGE_HOME/bench/adapters-barrage.sh"
TOOLS="${TOOLS:-} barrage_outputs"
barrage_outputs_version() { barrage_version; }
barrage_outputs_model() { barrage_model "$@"; }
barrage_outputs_prepare() { barrage_prepare; }
barrage_outputs_cmd() {
  barrage_cmd "$@"
  CMD+=(--prometheus "127.0.0.1:${PROM_SCRAPE_PORT:-9464}" --remote-write "http://127.0.0.1:${PROM_PORT:-9095}/api/v1/write"
        --dashboard "${DASHBOARD_PORT:-9465}")
  # a browser's worth of dashboard: one client on its stream for the whole run
  ( for _ in $(seq 100); do curl -sN "http://127.0.0.1:${DASHBOARD_PORT:-9465}/stream" >/dev/null 2>&1 && break; sleep 0.2; done ) &
}
barrage_outputs_parse() { barrage_parse "$@"; }
