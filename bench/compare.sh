#!/usr/bin/env bash
# Two builds of MicroWeb.Sample side by side (before and after a change), on loopback, at the same moments: each
# endpoint is driven with wrk in slices in the order A B B A, so both see the same drift of a shared machine.
#
#   git worktree add /tmp/before <commit> && bench/compare.sh /tmp/before .
#   ROUNDS=4 SLICE=2 bench/compare.sh A_CHECKOUT B_CHECKOUT
#
# Prints, per endpoint, the mean req/s of each, B/A overall and per round, and each process's CPU µs per request.
# Comparing a checkout with itself (A/A) shows the noise. Only the two processes this script starts are stopped.
set -euo pipefail
ADIR=$(cd "$1" && pwd); BDIR=$(cd "$2" && pwd)
ROUNDS=${ROUNDS:-4}; SLICE=${SLICE:-2}; PORT=${PORT:-5311}; PA=$PORT; PB=$((PORT + 1))
for dir in "$ADIR" "$BDIR"; do dotnet build "$dir/MicroWeb.Sample" -c Release -v q -nologo >/dev/null; done
DLL=MicroWeb.Sample/bin/Release/net10.0/MicroWeb.Sample.dll
for p in $PA $PB; do if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$p/"; then echo "port $p is in use; set PORT" >&2; exit 1; fi; done
LOGS=$(mktemp -d)
(cd "$ADIR" && exec dotnet "$ADIR/$DLL" --port $PA >"$LOGS/a.log" 2>&1) & pa=$!
(cd "$BDIR" && exec dotnet "$BDIR/$DLL" --port $PB >"$LOGS/b.log" 2>&1) & pb=$!
trap 'kill $pa $pb 2>/dev/null; wait $pa $pb 2>/dev/null; rm -rf "$LOGS"' EXIT
for _ in $(seq 300); do grep -q "Running on" "$LOGS/a.log" 2>/dev/null && grep -q "Running on" "$LOGS/b.log" 2>/dev/null && break; sleep 0.1; done
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
declare -A N C
run() { # run A|B PATH: one slice; sets RPS, adds to the requests and CPU ticks of the side
  local pid port t0 t1 out
  if [[ $1 == A ]]; then pid=$pa; port=$PA; else pid=$pb; port=$PB; fi
  t0=$(ticks $pid)
  out=$(wrk -t1 -c32 -d"${SLICE}s" "http://127.0.0.1:$port$2" 2>&1)
  t1=$(ticks $pid)
  N[$1]=$(( ${N[$1]:-0} + $(awk '/requests in/ {print $1}' <<<"$out") ))
  C[$1]=$(( ${C[$1]:-0} + t1 - t0 ))
  RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
}
hz=$(getconf CLK_TCK)
for path in / /datos/frutas /hola/Daniel "/hola?nombre=Daniel"; do
  run A "$path"; run B "$path"; N=(); C=() # warm-up
  ratios=""; sa=0; sb=0
  for _ in $(seq "$ROUNDS"); do
    run A "$path"; a1=$RPS; run B "$path"; b1=$RPS; run B "$path"; b2=$RPS; run A "$path"; a2=$RPS
    ratios="$ratios $(awk -v a1="$a1" -v a2="$a2" -v b1="$b1" -v b2="$b2" 'BEGIN { printf "%.3f", (b1 + b2) / (a1 + a2) }')"
    sa=$(awk -v s="$sa" -v x="$a1" -v y="$a2" 'BEGIN { print s + x + y }'); sb=$(awk -v s="$sb" -v x="$b1" -v y="$b2" 'BEGIN { print s + x + y }')
  done
  echo "$path A=$(awk -v s="$sa" -v n="$ROUNDS" 'BEGIN { printf "%.0f", s / n / 2 }') B=$(awk -v s="$sb" -v n="$ROUNDS" 'BEGIN { printf "%.0f", s / n / 2 }') req/s;" \
    "B/A $(awk -v a="$sa" -v b="$sb" 'BEGIN { printf "%.3f", b / a }'), per round:$ratios;" \
    "CPU µs/req A=$(awk -v t="${C[A]}" -v n="${N[A]}" -v hz="$hz" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }') B=$(awk -v t="${C[B]}" -v n="${N[B]}" -v hz="$hz" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }')"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
