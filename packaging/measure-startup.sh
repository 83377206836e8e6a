#!/usr/bin/env bash
# Time from starting the app to its window being shown (mapped on an X server), a few runs, cold and warm.
#   packaging/measure-startup.sh [EXECUTABLE] [RUNS]      (default: dist/mnist-studio/mnist-studio, 5)
# Uses the current $DISPLAY, or starts Xvfb on a free display. Needs xdotool (Debian: xdotool, xvfb).
# Each run starts with an empty HOME and no Python on PATH, as on a classroom machine.
set -euo pipefail
exe="${1:-dist/mnist-studio/mnist-studio}"
runs="${2:-5}"
title="MNIST Studio"
command -v xdotool >/dev/null || { echo "measure-startup.sh: needs xdotool (apt-get install xdotool)" >&2; exit 1; }
[ -x "$exe" ] || { echo "measure-startup.sh: no executable at $exe (build it with packaging/build.sh)" >&2; exit 1; }

xvfb_pid=""
cleanup() { [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true; }
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  command -v Xvfb >/dev/null || { echo "measure-startup.sh: no DISPLAY and no Xvfb (apt-get install xvfb)" >&2; exit 1; }
  for n in $(seq 90 99); do [ -e "/tmp/.X11-unix/X$n" ] || { display=":$n"; break; }; done
  Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp -noreset >/dev/null 2>&1 &
  xvfb_pid=$!
  export DISPLAY="$display"
  for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
fi

times=()
for i in $(seq "$runs"); do
  home=$(mktemp -d)
  start=$(date +%s.%N)
  env -i HOME="$home" DISPLAY="$DISPLAY" QT_QPA_PLATFORM=xcb "$exe" >"$home/out.log" 2>&1 &
  pid=$!
  shown=""
  # Poll every 10 ms for a visible top-level window with our title (xdotool's own --sync waits 0.5 s).
  for _ in $(seq 3000); do
    if xdotool search --onlyvisible --pid "$pid" --name "^$title" >/dev/null 2>&1; then
      shown=$(date +%s.%N); break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.01
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -z "$shown" ]; then
    echo "run $i: no window appeared; the app said:" >&2
    cat "$home/out.log" >&2
    rm -rf "$home"
    exit 1
  fi
  rm -rf "$home"
  t=$(echo "$shown - $start" | bc -l)
  times+=("$t")
  printf 'run %d: window shown after %.2f s\n' "$i" "$t"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "median %.2f s, best %.2f s, worst %.2f s over %d runs (first run is the coldest)\n", a[int((NR+1)/2)], a[1], a[NR], NR}'
