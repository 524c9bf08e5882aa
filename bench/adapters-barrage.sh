# barrage in the peer benchmark kit (../shared/peers). Sourced by bench.sh / run-all.sh through
#   EXTRA_ADAPTERS=$PWD/bench/adapters-barrage.sh RESULTS_DIR=$PWD/bench/results ../shared/peers/b1.sh barrage
# The load is bench/peers.groovy; numbers come from barrage's own summary.json.
BARRAGE_HOME=${BARRAGE_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
TOOLS="${TOOLS:-} barrage"

barrage_version() { "$BARRAGE_HOME/barrage" --version 2>/dev/null | head -1; }
barrage_model() {
  case $1 in
    B1) echo "closed loop: $CONNS virtual users (virtual threads), no think time, lean client, full recording" ;;
    B2|B3) echo "open model: $RATE arrivals/s, a virtual thread per arrival (kept threads of its loop), latency from the intended start" ;;
    B4) echo "closed: $USERS users ramped over ${RAMP}s, GET then think ${THINK}s" ;;
  esac
}
barrage_prepare() {
  # builds the jar and its start-up cache outside the measurement
  "$BARRAGE_HOME/barrage" validate "$BARRAGE_HOME/bench/peers.groovy" >/dev/null
}
barrage_cmd() {
  local p=(-p "url=$URL" -p "duration=$DURATION")
  case $1 in
    B1) p+=(-p model=closed -p "conns=$CONNS") ;;
    B2|B3) p+=(-p model=open -p "rate=$RATE") ;;
    B4) p+=(-p model=closed -p "users=$USERS" -p "think=$THINK" -p "ramp=$RAMP") ;;
  esac
  CMD=("$BARRAGE_HOME/barrage" run -q --grace 2s --out "$RUN_DIR/results" "$BARRAGE_HOME/bench/peers.groovy" "${p[@]}")
}
barrage_parse() {
  python3 - "$RUN_DIR" <<'PY'
import glob, json, sys
files = glob.glob(sys.argv[1] + "/results/*/summary.json")
if not files:
    sys.exit(0)
s = json.load(open(files[0]))
t = s["scenarios"][0]["total"]
print(f"requests={t['requests']}")
print(f"rps={t['rate']}")
print(f"errors={t['errors']}")
lat = t.get("latency") or {}
for k in ("p50", "p90", "p99"):
    if k in lat:
        print(f"{k}_ms={lat[k]}")
if "max" in lat:
    print(f"max_ms={lat['max']}")
lag = s["scenarios"][0].get("lag") or {}
if "p99" in lag:
    print(f"lag_p99_ms={lag['p99']}")
PY
}
