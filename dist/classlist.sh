#!/usr/bin/env bash
# Writes dist/latent-explorer.classlist: the classes the window loads from its start to the first
# decoded grid, in the JVM's class-list format. The installed program archives them once, when the
# package is installed (class data sharing, dist/linux/resources/postinst), and then starts about
# 1.5 s faster. Rerun after changes that alter what the window loads at start; a stale list only
# costs speed (the classes it misses load as usual, the names it has in excess are skipped).
#
#   dist/classlist.sh
#
# Needs: the jar (built if missing); without DISPLAY, Xvfb (Debian: xvfb), started on :96.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/latent-explorer.jar ] || mvn -B -q package -DskipTests

. bench/display.sh
app="" work=$(mktemp -d)
cleanup() {
  [ -z "$app" ] || kill "$app" 2>/dev/null || true
  [ -z "$xvfb" ] || { kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; } || true
  rm -rf "$work"
}
trap cleanup EXIT
need_display 96

list=dist/latent-explorer.classlist
# A user's first start: an empty home, the shipped model.
HOME=$work LATENT_EXPLORER_REPORT_START=1 java -Duser.home="$work" -XX:DumpLoadedClassList="$work/classlist" \
  -jar target/latent-explorer.jar > "$work/log" 2>&1 &
app=$!
for _ in $(seq 600); do
  grep -q '^first-grid-drawn' "$work/log" && break
  kill -0 "$app" 2>/dev/null || { cat "$work/log" >&2; echo "the window did not start" >&2; exit 1; }
  sleep 0.1
done
grep -q '^first-grid-drawn' "$work/log" || { echo "no grid within 60 s" >&2; exit 1; }
sleep 1
kill "$app"; wait "$app" 2>/dev/null || true
app=""
cp "$work/classlist" "$list"
echo "$list: $(grep -vc '^[#@]' "$list") classes"
