#!/usr/bin/env bash
# What moves HttpListener's keep-alive ceiling? Drives the bare baseline (and MicroWeb.Sample) under one variant at a
# time (accept strategy and concurrency, body writing, runtime and socket-engine settings) with wrk on plaintext `/`,
# and prints one markdown table: requests/s, p99 and CPU per request, median of ROUNDS interleaved rounds.
#
#   bench/ceiling.sh                      # every variant, 5 s each after a 2 s warm-up, 3 rounds
#   VARIANTS="base base-inline mw mw-inline" ROUNDS=5 bench/ceiling.sh
#
# Settings (environment): DURATION, WARMUP, ROUNDS, CONNECTIONS (32), PATH_ (/), PORT (5301), VARIANTS, OUT.
# Only loopback is used; only the processes this script starts are stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-2}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
TARGET=${PATH_:-/}
PORT=${PORT:-5301}
OUT=${OUT:-$ROOT/bench/results}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

BASE="dotnet bench/Baseline/bin/Release/net10.0/Baseline.dll --root $ROOT"
MW="dotnet MicroWeb.Sample/bin/Release/net10.0/MicroWeb.Sample.dll"
INLINE="DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1"
# name | what it is | environment | command (the port is appended)
ALL=(
  "base|baseline: 16 GetContextAsync loops, sync write, Content-Length||$BASE"
  "base-accept1|baseline: 1 accept loop||$BASE --accept 1"
  "base-accept4|baseline: 4 accept loops||$BASE --accept 4"
  "base-accept64|baseline: 64 accept loops||$BASE --accept 64"
  "base-threads|baseline: 16 threads blocked in GetContext()||$BASE --mode threads"
  "base-callback|baseline: 16 BeginGetContext chains||$BASE --mode callback"
  "base-async-write|baseline: body written with WriteAsync||$BASE --write async"
  "base-chunked|baseline: chunked instead of Content-Length||$BASE --write chunked"
  "base-chunked-nodelay|baseline: chunked, TCP_NODELAY on the listening socket||$BASE --write chunked --nodelay on"
  "base-nodelay|baseline: TCP_NODELAY on the listening socket||$BASE --nodelay on"
  "base-inline|baseline: socket completions inline on the epoll thread|$INLINE|$BASE"
  "base-nospin|baseline: thread pool does not spin before sleeping|DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0|$BASE"
  "base-nohill|baseline: thread pool hill climbing off|DOTNET_HillClimbing_Disable=1|$BASE"
  "base-servergc|baseline: server GC|DOTNET_gcServer=1|$BASE"
  "base-nonconcgc|baseline: non-concurrent workstation GC|DOTNET_gcConcurrent=0|$BASE"
  "mw|MicroWeb.Sample, production defaults||$MW"
  "mw-nolog|MicroWeb.Sample, access log off||$MW --access-log off"
  "mw-inline|MicroWeb.Sample, socket completions inline|$INLINE|$MW"
  "mw-nospin|MicroWeb.Sample, thread pool does not spin|DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0|$MW"
  "mw-servergc|MicroWeb.Sample, server GC|DOTNET_gcServer=1|$MW"
)
VARIANTS=${VARIANTS:-$(printf '%s\n' "${ALL[@]}" | cut -d'|' -f1 | tr '\n' ' ')}

command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk; } >/dev/null 2>&1; }
mkdir -p "$OUT"
dotnet build MicroWeb.Sample -c Release -v q -nologo >"$OUT/ceiling-build.log" 2>&1 || { cat "$OUT/ceiling-build.log"; exit 1; }
dotnet build bench/Baseline -c Release -v q -nologo >>"$OUT/ceiling-build.log" 2>&1 || { cat "$OUT/ceiling-build.log"; exit 1; }

declare -A DESC ENVS CMD RPS P99 CPU
for entry in "${ALL[@]}"; do
  IFS="|" read -r name desc envs cmd <<<"$entry"
  DESC[$name]=$desc; ENVS[$name]=$envs; CMD[$name]=$cmd
done

PID=""
stop() { [[ -n $PID ]] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; }; }
trap stop EXIT

for round in $(seq "$ROUNDS"); do
  for name in $VARIANTS; do
    [[ -n ${CMD[$name]:-} ]] || { echo "unknown variant $name" >&2; exit 1; }
    # shellcheck disable=SC2086 # the environment and the command are word lists
    env ${ENVS[$name]} ${CMD[$name]} --port "$PORT" >"$OUT/ceiling-$name.log" 2>&1 &
    PID=$!
    # Wait for the "listening" line before the first connection: a connection that arrives while HttpListener.Start
    # runs can crash it (an HttpListener bug, dotnet/corefx#35191; see the README).
    for _ in $(seq 1000); do grep -qE "listening|Running on" "$OUT/ceiling-$name.log" && break; sleep 0.01; done
    for _ in $(seq 100); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/" && break; sleep 0.01; done
    wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$PORT$TARGET" >/dev/null 2>&1
    t0=$(awk '{print $14 + $15}' "/proc/$PID/stat")
    out=$(wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT$TARGET")
    t1=$(awk '{print $14 + $15}' "/proc/$PID/stat")
    stop
    read -r rps p99 cpu < <(awk -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" '
      /requests in/ { n = $1 } /Requests\/sec/ { r = $2 }
      $1 == "99%" { v = $2; p = v + 0; if (v ~ /us$/) p /= 1000; else if (v ~ /ms$/) p += 0; else if (v ~ /s$/) p *= 1000 }
      END { printf "%.0f %.2f %.1f\n", r, p, n ? t * 1e6 / hz / n : 0 }' <<<"$out")
    RPS[$name]="${RPS[$name]:-} $rps"; P99[$name]="${P99[$name]:-} $p99"; CPU[$name]="${CPU[$name]:-} $cpu"
    echo "[ceiling] round $round $name: $rps req/s, p99 $p99 ms, $cpu µs CPU/req" >&2
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
first=${VARIANTS%% *}
{
  echo "Machine: $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}')"
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Command: DURATION=$DURATION ROUNDS=$ROUNDS CONNECTIONS=$CONNECTIONS bench/ceiling.sh (wrk -t1 -c$CONNECTIONS on $TARGET, keep-alive; medians of $ROUNDS rounds)"
  echo
  echo "| variant | req/s | vs $first | p99 ms | CPU µs/req |"
  echo "|---|---:|---:|---:|---:|"
  b=$(median <<<"${RPS[$first]}")
  for name in $VARIANTS; do
    r=$(median <<<"${RPS[$name]}")
    echo "| ${DESC[$name]} | $r | $(awk -v a="$r" -v b="$b" 'BEGIN { printf "%.2f", a / b }') | $(median <<<"${P99[$name]}") | $(median <<<"${CPU[$name]}") |"
  done
} | tee "$OUT/ceiling.md"
