#!/usr/bin/env bash
# HTTP search benchmark of docs/PERFORMANCE.md: `yizhao serve` on a seeded registry, wrk with
# 16 connections over 2–6 character substrings of real names, then the server's memory.
# Usage: scripts/bench-http.sh [DB] [SECONDS]   (seeds DB with 303,700 entities if it is missing)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-/tmp/yizhao-bench.db}
seconds=${2:-20}
bin=${YIZHAO_BIN:-.build-release/release/yizhao}
port=${PORT:-18080}
[ -x "$bin" ] || swift build -c release --scratch-path .build-release --product yizhao
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
[ -f "$db" ] || "$bin" seed --db "$db"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

# 2,000 queries: random 2–6 character substrings of random names (fixed seed).
# The same 2,000 queries alone, and every other one replaced by an entity page (GET /v1/entities/{code}).
sqlite3 "$db" "SELECT name, code FROM entities ORDER BY id" > "$work/names.txt"
python3 - "$work/names.txt" "$work/queries.lua" "$work/mixed.lua" <<'PY'
import random, sys, urllib.parse
rows = [line.rstrip("\n").split("|") for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
random.seed(42)
paths, mixed = [], []
while len(paths) < 2000:
    name, code = random.choice(rows)
    name = name.replace("（", "").replace("）", "")
    n = random.randint(2, 6)
    if len(name) < n: continue
    start = random.randint(0, len(name) - n)
    paths.append("/v1/entities?q=" + urllib.parse.quote(name[start:start + n]))
    mixed.append(paths[-1] if len(paths) % 2 else "/v1/entities/" + code)
for out_path, items in ((sys.argv[2], paths), (sys.argv[3], mixed)):
    with open(out_path, "w") as out:
        out.write("paths = {" + ",".join('"%s"' % p for p in items) + "}\n")
        out.write("counter = 0\nrequest = function()\n  counter = counter + 1\n"
                  "  return wrk.format(\"GET\", paths[(counter % #paths) + 1])\nend\n")
PY

start() { # extra serve options...
  "$bin" serve --db "$db" --port "$port" --log-level warning --rate-limit 0 "$@" > "$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
}
echo "# $(nproc) cores; $(sqlite3 "$db" 'SELECT count(*) FROM entities') entities; $(date -u +%Y-%m-%dT%H:%MZ)"
echo "## search, page cache off (every request runs the query)"
start --search-cache 0
echo "   server RSS after start: $(grep VmRSS /proc/$server/status | awk '{print $2}') KiB"
wrk -t2 -c16 -d"${seconds}s" --latency -s "$work/queries.lua" "http://127.0.0.1:$port" | sed 's/^/  /'
echo "   server RSS after load: $(grep VmRSS /proc/$server/status | awk '{print $2}') KiB (peak $(grep VmHWM /proc/$server/status | awk '{print $2}') KiB)"
echo "## searches and entity pages mixed, page cache off (searches read on the calling thread, entity pages asynchronously)"
wrk -t2 -c16 -d"${seconds}s" --latency -s "$work/mixed.lua" "http://127.0.0.1:$port" | sed 's/^/  /'
curl -sf -m 5 "http://127.0.0.1:$port/healthz" >/dev/null || { echo "   the server stopped answering"; exit 1; }
kill "$server"; wait "$server" 2>/dev/null || true
echo "## search, default page cache (the 2,000 paths repeat, so most requests are cache hits)"
start
wrk -t2 -c16 -d"${seconds}s" --latency -s "$work/queries.lua" "http://127.0.0.1:$port" | sed 's/^/  /'
echo "   server RSS after load: $(grep VmRSS /proc/$server/status | awk '{print $2}') KiB (peak $(grep VmHWM /proc/$server/status | awk '{print $2}') KiB)"
echo "## baseline in the same run: GET /healthz (no storage work)"
wrk -t2 -c16 -d"$(( seconds / 2 ))s" --latency "http://127.0.0.1:$port/healthz" | sed 's/^/  /'
