#!/usr/bin/env bash
# The run's first second against the later ones: B2's open model (bench/peers.groovy) to the peers
# kit's nginx /slow10 (10 ms), for each checkout given, interleaved. Per run: the first second's
# p99 and schedule lag p99, the calls that waited for a pooled connection and the connects made in
# it, the whole run's p99 and the median and max of the later seconds' p99.
# Usage: RATE=10000 DUR=10 ROUNDS=4 bench/first-second.sh CHECKOUT...   (nginx from ../shared/peers)
set -euo pipefail
rate=${RATE:-10000}; dur=${DUR:-10}; rounds=${ROUNDS:-3}
here="$(cd "$(dirname "$0")/.." && pwd)"
peers="$here/../shared/peers"
curl -sf -o /dev/null http://127.0.0.1:18080/fast || "$peers/start-target.sh" >/dev/null
java=$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1); java=${java:-java}
for d in "$@"; do (cd "$d" && ./barrage validate bench/peers.groovy >/dev/null); done
for r in $(seq "$rounds"); do
  for d in "$@"; do
    out=$(mktemp -d)
    (cd "$d" && ./barrage run -q --grace 2s --out "$out" bench/peers.groovy -p url=http://127.0.0.1:18080/slow10 \
        -p model=open -p rate="$rate" -p duration="$dur" >/dev/null 2>&1) || true
    first=$("$java" -cp "$here/repl/target/barrage.jar" "$here/bench/FirstSecond.java" "$out"/*/intervals.hlog)
    python3 - "$out" "$d" "$first" <<'PY'
import json, glob, sys
s = json.load(open(glob.glob(sys.argv[1] + "/*/summary.json")[0])); sc = s["scenarios"][0]; tl = sc["timeline"]
later = sorted(p["p99"] for p in tl[1:-1] if p["p99"] is not None)
print(f"{sys.argv[2]}: first second p99 {tl[0]['p99']:.2f} ms, lag p99 {tl[0]['lagP99']:.2f} ms ({sys.argv[3]}) | "
      f"run p99 {sc['total']['latency']['p99']:.2f} ms | later seconds p99 median {later[len(later)//2]:.2f} max {later[-1]:.2f} ms")
PY
    rm -rf "$out"
  done
done
