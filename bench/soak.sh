#!/usr/bin/env bash
# Soak and slowloris runs against MicroWeb.Sample (Release, production mode) on loopback.
#   bash bench/soak.sh            # 100,000 requests over 64 keep-alive connections, then a slowloris run
# Prints RSS before/after, errors, and the p99 of normal requests while 300 slowloris connections are held.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
PORT=${PORT:-5099}
REQUESTS=${SOAK_REQUESTS:-100000}

dotnet build MicroWeb.Sample -c Release -nologo -v q >/dev/null
./MicroWeb.Sample/bin/Release/net10.0/MicroWeb.Sample --port "$PORT" >/tmp/microweb-soak.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.1; done

rss() { awk '/VmRSS/ {print $2 " kB"}' /proc/$PID/status; }
URL="http://127.0.0.1:$PORT/hola/Daniel"
wrk -t2 -c64 -d2s "$URL" >/dev/null   # warm-up
echo "RSS before soak: $(rss)"
# soak.lua stops the threads after $REQUESTS responses; wrk's own req/s line then divides by the full -d, so it is dropped.
SOAK_REQUESTS=$REQUESTS SOAK_THREADS=2 wrk -t2 -c64 -d120s --latency -s bench/soak.lua "$URL" > /tmp/microweb-soak.txt
grep -vE "Requests/sec|Transfer/sec|Running|Thread Stats|Req/Sec" /tmp/microweb-soak.txt
echo "RSS after $REQUESTS requests: $(rss)"
grep -E "Non-2xx|Socket errors" /tmp/microweb-soak.txt || echo "errors: none (no socket errors, no non-2xx responses)"

echo
echo "== normal requests alone"
wrk -t1 -c16 -d10s --latency "$URL" | grep -E "Requests/sec|99%"
echo "== normal requests while 300 slowloris connections are held"
python3 bench/slowloris.py 127.0.0.1 "$PORT" 300 14 &
SLOW=$!
sleep 2
wrk -t1 -c16 -d10s --latency "$URL" | grep -E "Requests/sec|99%|Socket errors"
wait $SLOW
echo "RSS at the end: $(rss)"
