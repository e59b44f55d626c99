#!/usr/bin/env bash
# Startup only: process start to the first 200 on /, of the bare HttpListener baseline and of MicroWeb.Sample, each
# built two ways (published with ReadyToRun, as deployed; a plain Release build, as `dotnet run` starts it), and of
# examples/AotHello published as Native AOT. Each server is started RUNS times, in turns GROUP at a time, so all of
# them see the same moments of a machine whose speed drifts; prints the medians and the ratios as a markdown table.
#
#   bench/startup.sh                  # RUNS=15 GROUP=5
#   AOT=0 RUNS=9 bench/startup.sh     # without the Native AOT build (its publish takes about a minute)
#
# A start is timed from launching `dotnet` until a GET / over a fresh connection answers 200; the port is polled
# every 2 ms, and only once the server has printed that it listens (a connection that arrives while
# HttpListener.Start runs can crash the bare listener: dotnet/corefx#35191). Only loopback is used; only the
# processes this script starts are stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-15}
GROUP=${GROUP:-5}
AOT=${AOT:-1}
PORT=${PORT:-5181}
OUT=${OUT:-$ROOT/bench/results}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 1; }

PUB=$OUT/startup
mkdir -p "$PUB"
log() { echo "[startup] $*" >&2; }
quiet() { "$@" >"$OUT/startup-build.log" 2>&1 || { cat "$OUT/startup-build.log" >&2; exit 1; }; }
ready_to_run() { quiet dotnet publish "$1" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$PUB/$2" -v q -nologo; }
log "building: ReadyToRun publishes and plain Release builds$([[ $AOT == 1 ]] && echo ", Native AOT")"
ready_to_run bench/Baseline baseline-r2r
ready_to_run MicroWeb.Sample sample-r2r
quiet dotnet build bench/Baseline -c Release -v q -nologo
quiet dotnet build MicroWeb.Sample -c Release -v q -nologo
SERVERS=(
  "baseline-r2r|$PUB/baseline-r2r|dotnet Baseline.dll --root $ROOT"
  "sample-r2r|$PUB/sample-r2r|dotnet MicroWeb.Sample.dll"
  "baseline-jit|$ROOT|dotnet bench/Baseline/bin/Release/net10.0/Baseline.dll --root $ROOT"
  "sample-jit|$ROOT/MicroWeb.Sample|dotnet bin/Release/net10.0/MicroWeb.Sample.dll"
)
if [[ $AOT == 1 ]]; then
  quiet dotnet publish examples/AotHello -c Release --use-current-runtime -o "$PUB/aot" -v q -nologo
  SERVERS+=("aothello-aot|$PUB/aot|./AotHello")
fi

log "timing ${#SERVERS[@]} servers, $RUNS starts each"
python3 - "$RUNS" "$GROUP" "$PORT" "$OUT" "${SERVERS[@]}" <<'PY'
import os, socket, statistics, subprocess, sys, time

runs, group, port, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
servers = [s.split("|", 2) for s in sys.argv[5:]]
request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % port

def answered():
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(request)
            return s.recv(16).startswith(b"HTTP/1.1 200")
    except OSError:
        return False

def start(directory, command):
    path = os.path.join(out, "startup-server.log")
    with open(path, "w") as log:
        t0 = time.monotonic()
        p = subprocess.Popen(command.split(), cwd=directory, stdout=log, stderr=subprocess.STDOUT)
        try:
            while time.monotonic() - t0 < 20:
                if p.poll() is not None:
                    sys.exit(f"{command} exited: see {path}")
                with open(path) as text:
                    printed = text.read()
                listening = "Running on" in printed or "listening" in printed
                if listening and answered():
                    return (time.monotonic() - t0) * 1000
                time.sleep(0.002)
            sys.exit(f"{command}: no 200 within 20 s")
        finally:
            p.terminate()
            p.wait()

times = {name: [] for name, _, _ in servers}
while len(times[servers[0][0]]) < runs:
    for name, directory, command in servers:
        for _ in range(min(group, runs - len(times[name]))):
            times[name].append(start(directory, command + f" --port {port}"))
            time.sleep(0.2)

median = {name: statistics.median(values) for name, values in times.items()}
print(f"| build | bare HttpListener | MicroWeb.Sample | ratio |")
print(f"|---|---:|---:|---:|")
for build, label in (("r2r", "ReadyToRun"), ("jit", "plain Release build")):
    base, sample = median[f"baseline-{build}"], median[f"sample-{build}"]
    print(f"| {label} | {base:.0f} ms | {sample:.0f} ms | {sample / base:.2f} |")
if "aothello-aot" in median:
    print(f"| Native AOT (examples/AotHello) | | {median['aothello-aot']:.0f} ms | |")
print()
print(f"{runs} starts each, {group} at a time in turns; ranges: " + "; ".join(
    f"{name} {min(v):.0f}–{max(v):.0f} ms" for name, v in times.items()))
PY
