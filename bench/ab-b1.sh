#!/usr/bin/env bash
# B1 (64 closed-loop users against the kit's nginx) alternating two builds, run after run: requests
# per CPU-second of the whole process (/usr/bin/time, start-up and warm-up included).
#   bench/ab-b1.sh /path/to/new/checkout /path/to/old/checkout [rounds]
set -u
new=$1; old=$2; rounds=${3:-6}
cd "$(dirname "$0")/.." && ../shared/peers/start-target.sh >/dev/null 2>&1
out=$(mktemp -d /tmp/ab-b1.XXXXXX)
for i in $(seq "$rounds"); do
  for b in new old; do
    home=${!b}
    cpu=$( { /usr/bin/time -f "CPU %U %S" "$home"/barrage run -q --warmup 2s --out "$out/$b-$i" --grace 2s "$home"/bench/peers.groovy \
        -p url=http://127.0.0.1:18080/fast -p duration=12 -p model=closed -p conns=64 >/dev/null; } 2>&1 | awk '/^CPU/ {print $2+$3}')
    n=$(python3 -c "import json,glob; print(json.load(open(glob.glob('$out/$b-$i/*/summary.json')[0]))['scenarios'][0]['total']['requests'])")
    echo "$i $b cpu=$cpu requests=$n per_cpu_s=$(python3 -c "print(round($n/$cpu))")"
  done
done
../shared/peers/stop-target.sh >/dev/null 2>&1
