#!/usr/bin/env bash
# Responsiveness of the window, measured on a real (virtual) display: time from the window shown to
# the first decoded grid, frame times while dragging the grid (20 x 20 and 32 x 32 tiles), the
# longest stall of the UI thread while training on MNIST, alone and while dragging, and frame times
# while dragging three compared 20 x 20 grids that share one view. Prints one JSON object and keeps
# it in bench/out/ui.json.
#
#   bench/ui.sh                              # about a minute
#   bench/ui.sh --train-seconds 60           # longer training window
#   bench/ui.sh --stalls                     # also where the UI thread was during late pulses
#   bench/ui.sh --compare-only               # only the three compared grids, dragged twice (about 30 s)
#   BENCH_JAVA_OPTS=... bench/ui.sh          # the same with extra JVM options, for A/B runs
#   bench/ui.sh --soak 50                    # a long session instead: 50 epochs with the grid following
#                                            # and a drag every few seconds; resident memory per epoch,
#                                            # kept in bench/out/soak.json (about 2 minutes)
#
# Targets: window to grid <= 3 s; median frame work (decode + draw) <= 16 ms at n = 20; longest
# pulse gap while training <= 33 ms; 99th percentile of the frame time dragging one 32 x 32 grid or
# three synced 20 x 20 grids <= 33 ms.
#
# Needs: the jar (built if missing); without DISPLAY, Xvfb (Debian: xvfb), started on :97 and
# stopped afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
# The benchmark lives with the tests (src/test/java), outside the application's own sources.
[ -f target/latent-explorer.jar ] || mvn -B -q package -DskipTests
mvn -B -q test-compile

. bench/display.sh
cleanup() { [ -z "$xvfb" ] || { kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; } || true; }
trap cleanup EXIT
need_display 97

out=bench/out
mkdir -p "$out"
result=ui.json
case " $* " in *" --soak "*) result=soak.json ;; esac
echo "measuring the window on $DISPLAY ..." >&2
status=0
java ${BENCH_JAVA_OPTS:-} -cp target/test-classes:target/latent-explorer.jar org.latentexplorer.ui.UiBenchmark "$@" > "$out/$result" || status=$?
cat "$out/$result"
exit "$status"
