#!/usr/bin/env bash
# Script → first request: wall time from starting `./barrage run` to the first request arriving at
# a loopback server, for a script run before (compiled-script cache hit) and a new one (miss).
# Usage: bench/startup.sh [rounds]   (prints one line per run and the medians)
#        WARMUP=auto bench/startup.sh [rounds]   with run's default warm-up (1 s at this script's 100/s)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
work=$(mktemp -d /tmp/barrage-startup.XXXXXX)
port_file="$work/port"; hits="$work/hits"
python3 - "$port_file" "$hits" <<'PY' &
import http.server, socketserver, sys, time
port_file, hits = sys.argv[1], sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        with open(hits, "a") as f: f.write(f"{time.time():.6f}\n")
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *a): pass
with socketserver.ThreadingTCPServer(("127.0.0.1", 0), H) as s:
    open(port_file, "w").write(str(s.server_address[1]))
    s.serve_forever()
PY
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
while [ ! -s "$port_file" ]; do sleep 0.05; done
port=$(cat "$port_file")
./barrage validate scenarios/quickstart.groovy >/dev/null   # build and start-up cache outside the timing

measure() {   # $1 = script; prints seconds from launch to first request
  : > "$hits"
  local t0; t0=$(python3 -c 'import time; print(f"{time.time():.6f}")')
  ./barrage run -q --no-results --warmup "${WARMUP:-0}" "$1" -p "url=http://127.0.0.1:$port" >/dev/null 2>&1
  python3 -c "import sys; t0=float(sys.argv[1]); t=float(open(sys.argv[2]).readline()); print(f'{t-t0:.3f}')" "$t0" "$hits"
}

script="$work/startup.groovy"
write() { cat > "$script" <<EOF2
// $1
String url = param('url', 'http://127.0.0.1:1')
scenario('startup') {
    target url
    user { http.get('/hello') { expect status: 200 } }
    phases { hold 'one', rate: 100, for: 100.ms }
}
EOF2
}
cached=(); fresh=()
for i in $(seq "$rounds"); do
  write "round $i $RANDOM$RANDOM"; fresh+=("$(measure "$script")")       # new text: compiled now
  cached+=("$(measure "$script")")                                     # same text: from the cache
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "new script:    ${fresh[*]}  → median $(median "${fresh[@]}") s"
echo "cached script: ${cached[*]}  → median $(median "${cached[@]}") s"
