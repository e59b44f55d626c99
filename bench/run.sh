#!/usr/bin/env bash
# MicroWeb against a bare HttpListener, side by side, on loopback: publishes each .NET server as it is deployed
# (Release, ReadyToRun, framework-dependent), starts each one after the other (timing process start -> first 200),
# drives every endpoint of each with wrk, and prints one markdown table.
#
#   bench/run.sh                      # everything, 3 rounds of 10 s per endpoint and server after a 3 s warm-up
#   DURATION=5 SERVERS="baseline microweb" bench/run.sh
#
# Settings (environment): DURATION (seconds per endpoint, server and round), SLICE (2: the servers take turns in
# slices this long, so all of them see the same moments of a machine whose speed drifts), WARMUP (seconds),
# CONNECTIONS (32), THREADS (wrk threads, 1), ROUNDS (3: each round starts fresh server processes; the table shows
# medians over rounds, and the MicroWeb / baseline ratio is the median of the rounds' ratios),
# SERVERS (baseline microweb quiet aspnetcore flask; quiet is MicroWeb.Sample with --access-log off, to show what
# the access log costs), PORT (first of five consecutive ports, 5101), OUT (bench/results).
# Only loopback is used; only the processes this script starts are stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${DURATION:-10}
SLICE=${SLICE:-2}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
ROUNDS=${ROUNDS:-3}
SERVERS=${SERVERS:-"baseline microweb quiet aspnetcore flask"}
PORT=${PORT:-5101}
OUT=${OUT:-$ROOT/bench/results}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The endpoints: label | path | MicroWeb's target (fraction of the baseline's requests/s) | extra wrk header.
# An endpoint that answers 404 on both the baseline and MicroWeb is skipped with a note (templates and static
# files come from other branches; once merged they are measured with no change here).
ENDPOINTS=(
  "plaintext|/|0.95|"
  "JSON|/datos/frutas|0.95|"
  "param route|/hola/Daniel|0.95|"
  "template|/hola?nombre=Daniel|0.90|"
  "static file|/static/style.css|0.90|"
  "plaintext, new connection per request|/|-|Connection: close"
)

log() { echo "[bench] $*" >&2; }

need_apt() { # need_apt COMMAND PACKAGE...: installs Debian packages when the command is missing
  local cmd=$1; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  log "installing $* (apt-get)"
  { apt-get install -y -qq "$@" || { apt-get update -qq && apt-get install -y -qq "$@"; }; } >/dev/null 2>&1
  command -v "$cmd" >/dev/null 2>&1
}

need_apt wrk wrk || { log "wrk is required (apt-get install wrk)"; exit 1; }
if [[ " $SERVERS " == *" flask "* ]] && ! { need_apt gunicorn gunicorn python3-flask && /usr/bin/python3 -c 'import flask' 2>/dev/null; }; then
  log "Flask/gunicorn not available from apt: no Flask column"
  SERVERS=${SERVERS/flask/}
fi

mkdir -p "$OUT"
# Every .NET server the same way: ReadyToRun (precompiled code, as docs/deploying.md advises) for this machine.
PUB=$OUT/publish
publish() { dotnet publish "$1" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$PUB/$2" -v q -nologo; }
log "publishing (Release, ReadyToRun)"
publish MicroWeb.Sample sample >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
publish bench/Baseline baseline >>"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
if [[ " $SERVERS " == *" aspnetcore "* ]] && ! publish bench/AspNetCore aspnetcore >>"$OUT/build.log" 2>&1; then
  log "ASP.NET Core reference does not build here: no Kestrel column"
  SERVERS=${SERVERS/aspnetcore/}
fi

declare -A PID STARTUP URL NAME
NAME=([baseline]="HttpListener baseline" [microweb]="MicroWeb" [quiet]="MicroWeb, access log off" [aspnetcore]="ASP.NET Core (Kestrel)" [flask]="Flask + gunicorn (2 sync workers)")
STARTED=()
cleanup() {
  for p in "${STARTED[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${STARTED[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

start() { # start SERVER PORT: launches it, waits for the first 200 on /, records the PID and the startup time
  local server=$1 port=$2 t0 pid
  if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/"; then log "port $port is in use; set PORT"; exit 1; fi
  # The previous round's access log (hundreds of MB after wrk) is dropped and the disk settled before the clock
  # starts: truncating it under the new process's start doubled MicroWeb's startup time in rounds 2 and 3.
  rm -f "$OUT/$server.log"; sync
  t0=$(now_ms)
  case $server in
    baseline) dotnet "$PUB/baseline/Baseline.dll" --port "$port" --root "$ROOT" >"$OUT/$server.log" 2>&1 & pid=$! ;;
    microweb) dotnet "$PUB/sample/MicroWeb.Sample.dll" --port "$port" >"$OUT/$server.log" 2>&1 & pid=$! ;;
    quiet) dotnet "$PUB/sample/MicroWeb.Sample.dll" --port "$port" --access-log off >"$OUT/$server.log" 2>&1 & pid=$! ;;
    aspnetcore) dotnet "$PUB/aspnetcore/AspNetCore.dll" --port "$port" --root "$ROOT" >"$OUT/$server.log" 2>&1 & pid=$! ;;
    flask) BENCH_ROOT=$ROOT /usr/bin/gunicorn -w 2 -b "127.0.0.1:$port" --chdir bench/flask app:app >"$OUT/$server.log" 2>&1 & pid=$! ;;
  esac
  STARTED+=("$pid")
  # Connect only once the server says it listens: a connection that arrives while HttpListener.Start runs can crash
  # it (an HttpListener bug, dotnet/corefx#35191). Startup is still timed to the first 200.
  for _ in $(seq 3000); do
    [[ $server == flask ]] || grep -qE "listening|Running on" "$OUT/$server.log" 2>/dev/null || { sleep 0.002; continue; }
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/" || true) == 200 ]] && break
    kill -0 "$pid" 2>/dev/null || { log "$server exited: see $OUT/$server.log"; exit 1; }
    sleep 0.005
  done
  STARTUP[$server]=$(( $(now_ms) - t0 ))
  PID[$server]=$pid
  URL[$server]="http://127.0.0.1:$port"
  log "${NAME[$server]}: first 200 after ${STARTUP[$server]} ms"
}

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

cpu_ticks() { # user+system clock ticks of a process and its children (gunicorn's workers)
  local total=0 p
  for p in $1 $(pgrep -P "$1" || true); do
    [[ -r /proc/$p/stat ]] && total=$(( total + $(awk '{print $14 + $15}' "/proc/$p/stat") ))
  done
  echo "$total"
}

to_ms() { # wrk latency (12.3us, 4.5ms, 1.2s) -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}

stop_all() { # stops this round's servers
  for p in "${STARTED[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${STARTED[@]}"; do wait "$p" 2>/dev/null || true; done
  STARTED=()
}

# Each round starts every server afresh: one process can be luckier than another (thread-pool and JIT decisions
# differ from run to run, by ±10% here), so the median over rounds covers process-to-process variation too.
declare -A RPS P50 P99 CPU STATUS STARTUPS RATIO QUIET_RATIO
for round in $(seq "$ROUNDS"); do
  i=0
  for server in $SERVERS; do
    start "$server" $(( PORT + i )); i=$(( i + 1 ))
    STARTUPS[$server]="${STARTUPS[$server]:-} ${STARTUP[$server]}"
  done
  # A warm-up pass over every endpoint first: a fresh process compiles and re-tiers its code for a few seconds, and
  # the endpoint measured first would pay for all of it (the more code a server has, the more it pays).
  for entry in "${ENDPOINTS[@]}"; do
    IFS="|" read -r label path target extra <<<"$entry"
    hdr=(); [[ -n $extra ]] && hdr=(-H "$extra")
    for server in $SERVERS; do wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${hdr[@]}" "${URL[$server]}$path" >/dev/null 2>&1 || true; done
  done
  for entry in "${ENDPOINTS[@]}"; do
    IFS="|" read -r label path target extra <<<"$entry"
    for server in $SERVERS; do
      STATUS[$label,$server]=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "${URL[$server]}$path" || echo 000)
    done
    if [[ ${STATUS[$label,baseline]:-404} == 404 && ${STATUS[$label,microweb]:-404} == 404 ]]; then
      log "skipping $label ($path): 404 on both the baseline and MicroWeb"
      continue
    fi
    hdr=(); [[ -n $extra ]] && hdr=(-H "$extra")
    # Interleaved slices: the servers take turns every SLICE seconds until each had DURATION seconds. This machine's
    # speed drifts by several percent over tens of seconds; slices put every server under the same drift.
    declare -A N=() T=() TICKS=() S50=() S99=()
    for server in $SERVERS; do
      [[ ${STATUS[$label,$server]} == 2* ]] && wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${hdr[@]}" "${URL[$server]}$path" >/dev/null 2>&1
    done
    for (( done_s = 0; done_s < DURATION; done_s += SLICE )); do
      slice=$(( DURATION - done_s < SLICE ? DURATION - done_s : SLICE ))
      for server in $SERVERS; do
        [[ ${STATUS[$label,$server]} == 2* ]] || continue
        file="$OUT/wrk-$server-${label// /_}-$round.txt"
        t0=$(cpu_ticks "${PID[$server]}")
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${slice}s" --latency "${hdr[@]}" "${URL[$server]}$path" >"$file" 2>&1
        t1=$(cpu_ticks "${PID[$server]}")
        N[$server]=$(( ${N[$server]:-0} + $(awk '/requests in/ {print $1}' "$file") ))
        T[$server]=$(awk -v a="${T[$server]:-0}" -v b="$(to_ms "$(awk '/requests in/ {sub(",", "", $4); print $4}' "$file")")" 'BEGIN { print a + b / 1000 }')
        TICKS[$server]=$(( ${TICKS[$server]:-0} + t1 - t0 ))
        S50[$server]="${S50[$server]:-} $(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")"
        S99[$server]="${S99[$server]:-} $(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")"
      done
    done
    for server in $SERVERS; do
      [[ -n ${N[$server]:-} ]] || continue
      rps=$(awk -v n="${N[$server]}" -v t="${T[$server]}" 'BEGIN { printf "%.0f", n / t }')
      RPS[$label,$server]="${RPS[$label,$server]:-} $rps"
      P50[$label,$server]="${P50[$label,$server]:-} $(median <<<"${S50[$server]}" | xargs printf "%.2f")"
      P99[$label,$server]="${P99[$label,$server]:-} $(median <<<"${S99[$server]}" | xargs printf "%.2f")"
      CPU[$label,$server]="${CPU[$label,$server]:-} $(awk -v t="${TICKS[$server]}" -v n="${N[$server]}" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", n ? t * 1e6 / hz / n : 0 }')"
      log "$label on ${NAME[$server]} (round $round): $rps req/s"
    done
    # The ratio of this round: both figures come from the same interleaved minutes.
    [[ -n ${N[baseline]:-} && -n ${N[microweb]:-} ]] &&
      RATIO[$label]="${RATIO[$label]:-} $(awk -v m="${N[microweb]}" -v tm="${T[microweb]}" -v b="${N[baseline]}" -v tb="${T[baseline]}" 'BEGIN { printf "%.3f", (m / tm) / (b / tb) }')"
    [[ -n ${N[baseline]:-} && -n ${N[quiet]:-} ]] &&
      QUIET_RATIO[$label]="${QUIET_RATIO[$label]:-} $(awk -v m="${N[quiet]}" -v tm="${T[quiet]}" -v b="${N[baseline]}" -v tb="${T[baseline]}" 'BEGIN { printf "%.3f", (m / tm) / (b / tb) }')"
    unset N T TICKS S50 S99
  done
  stop_all
done

fmt_int() { awk -v v="$1" 'BEGIN { if (v == "") print "-"; else printf "%.0f", v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "-"; else printf "%.2f", a / b }'; }

{
  echo "Machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(free -g | awk '/Mem:/ {print $2}') GB, $(. /etc/os-release && echo "$PRETTY_NAME"), .NET $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}'), wrk $(wrk -v 2>&1 | awk 'NR==1 {print $2}')"
  echo "Date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "Command: DURATION=$DURATION WARMUP=$WARMUP CONNECTIONS=$CONNECTIONS THREADS=$THREADS ROUNDS=$ROUNDS bench/run.sh (wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency, after a ${WARMUP} s warm-up; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  header="| endpoint | baseline req/s | MicroWeb req/s | MicroWeb / baseline | target | p50 ms (base / MW) | p99 ms (base / MW) | p99 ratio | CPU µs/req (base / MW) |"
  rule="|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  [[ " $SERVERS " == *" quiet "* ]] && { header+=" access log off: req/s (ratio) |"; rule+="---:|"; }
  [[ " $SERVERS " == *" aspnetcore "* ]] && { header+=" Kestrel req/s |"; rule+="---:|"; }
  [[ " $SERVERS " == *" flask "* ]] && { header+=" Flask req/s |"; rule+="---:|"; }
  echo "$header"; echo "$rule"
  for entry in "${ENDPOINTS[@]}"; do
    IFS="|" read -r label path target extra <<<"$entry"
    if [[ -z ${RPS[$label,baseline]:-}${RPS[$label,microweb]:-} ]]; then
      [[ ${STATUS[$label,baseline]:-404} == 404 && ${STATUS[$label,microweb]:-404} == 404 ]] && echo "| $label \`$path\` | skipped: 404 on both | | | | | | | |"
      continue
    fi
    b=$(median <<<"${RPS[$label,baseline]:-}"); m=$(median <<<"${RPS[$label,microweb]:-}")
    b99=$(median <<<"${P99[$label,baseline]:-}"); m99=$(median <<<"${P99[$label,microweb]:-}")
    r=$(ratio "$m" "$b"); r99=$(ratio "$m99" "$b99")
    [[ -n ${RATIO[$label]:-} ]] && r=$(awk -v v="$(median <<<"${RATIO[$label]}")" 'BEGIN { printf "%.2f", v }')
    verdict=""
    if [[ $target != - && $r != - ]]; then
      verdict=$(awk -v r="$r" -v t="$target" -v p="$r99" 'BEGIN { print (r >= t && (p == "-" || p <= 1.2)) ? "met" : "missed" }')
      verdict="≥ $target: $verdict"
    fi
    [[ $target == - ]] && verdict="(report)"
    row="| $label \`$path\` | $(fmt_int "$b") | $(fmt_int "$m") | $r | $verdict | $(median <<<"${P50[$label,baseline]:-}") / $(median <<<"${P50[$label,microweb]:-}") | $b99 / $m99 | $r99 | $(median <<<"${CPU[$label,baseline]:-}") / $(median <<<"${CPU[$label,microweb]:-}") |"
    if [[ " $SERVERS " == *" quiet "* ]]; then
      q=$(median <<<"${QUIET_RATIO[$label]:-}")
      row+=" $(fmt_int "$(median <<<"${RPS[$label,quiet]:-}")") ($(awk -v v="$q" 'BEGIN { if (v == "") print "-"; else printf "%.2f", v }')) |"
    fi
    [[ " $SERVERS " == *" aspnetcore "* ]] && row+=" $(fmt_int "$(median <<<"${RPS[$label,aspnetcore]:-}")") |"
    [[ " $SERVERS " == *" flask "* ]] && row+=" $(fmt_int "$(median <<<"${RPS[$label,flask]:-}")") |"
    echo "$row"
  done
  for server in $SERVERS; do STARTUP[$server]=$(median <<<"${STARTUPS[$server]}"); done
  row="| startup: process start to first 200 (median) | ${STARTUP[baseline]:--} ms | ${STARTUP[microweb]:--} ms | $(ratio "${STARTUP[microweb]:-}" "${STARTUP[baseline]:-}") | | | | | |"
  [[ " $SERVERS " == *" quiet "* ]] && row+=" ${STARTUP[quiet]} ms |"
  [[ " $SERVERS " == *" aspnetcore "* ]] && row+=" ${STARTUP[aspnetcore]} ms |"
  [[ " $SERVERS " == *" flask "* ]] && row+=" ${STARTUP[flask]} ms |"
  echo "$row"
} | tee "$OUT/results.md"
