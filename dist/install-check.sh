#!/usr/bin/env bash
# Installs the .deb, starts the command of its menu entry under Xvfb as an unprivileged user with
# an empty home folder, measures the cold start to a decoded grid on screen, checks the model file
# type and a double-click on a model file, then uninstalls and checks what is left.
#
#   mvn -B -Pdist package -DskipTests     # first: target/dist/latent-explorer_*.deb
#   sudo dist/install-check.sh            # as root: it installs and removes the package
#   sudo dist/install-check.sh --runs 5   # more starts after the first (default 3)
#
# Cold start: from starting the menu entry's command to the first decoded grid drawn, as the window
# reports it with LATENT_EXPLORER_REPORT_START set (the grid is on screen at the next frame). The
# first start is the first ever for that user; the later ones follow it. Target: <= 3 s.
#
# Needs: Debian or Ubuntu, root, Xvfb (apt-get install xvfb) and imagemagick for the screenshot.
# Uses display :94 and the user nobody; prints a summary and writes bench/out/install-check.json
# and bench/out/install-check.png. The exit code is 0 only when every check passed. If the package
# was installed before, it is removed at the end all the same.
set -uo pipefail
cd "$(dirname "$0")/.."

runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N]" >&2; exit 2 ;;
  esac
done

[ "$(id -u)" = 0 ] || { echo "run as root (it installs and removes the package)" >&2; exit 2; }
deb=$(ls target/dist/latent-explorer_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "no target/dist/latent-explorer_*.deb: mvn -B -Pdist package -DskipTests" >&2; exit 2; }
command -v Xvfb >/dev/null || { echo "Xvfb is not installed (apt-get install xvfb)" >&2; exit 2; }
display=:94
[ ! -e /tmp/.X11-unix/X94 ] || { echo "display $display is taken" >&2; exit 2; }

out=bench/out
mkdir -p "$out"
failures=()
check() {   # check DESCRIPTION COMMAND...: runs the command, records a failure if it fails
  local what=$1; shift
  if "$@" >/dev/null 2>&1; then echo "ok    $what"; else echo "FAIL  $what"; failures+=("$what"); fi
}

work=$(mktemp -d /tmp/lx-install-check.XXXXXX)
chmod 755 "$work"
home=$work/home
mkdir -p "$home"
chown nobody:nogroup "$home"
xvfb=""
app=""
cleanup() {
  [ -z "$app" ] || kill "$app" 2>/dev/null
  [ -z "$xvfb" ] || { kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; }
  rm -rf "$work"
}
trap cleanup EXIT

# ------------------------------------------------------------------ install
echo "installing $deb ($(du -m "$deb" | cut -f1) MB)"
before_pkgs=$(dpkg-query -W -f '${Package}\n' | sort)
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$PWD/$deb" > "$work/install.log" 2>&1 \
  || { echo "apt-get could not install the package:"; tail -20 "$work/install.log"; }
check "apt-get installs it" sh -c "dpkg -s latent-explorer 2>/dev/null | grep -q '^Status: install ok installed'"
if [ ${#failures[@]} -gt 0 ]; then
  dpkg -s latent-explorer > /dev/null 2>&1 && apt-get purge -y -q latent-explorer > /dev/null 2>&1
  exit 1
fi
# As on a laptop without internet: everything it needs must have been installed already.
added=$(comm -13 <(echo "$before_pkgs") <(dpkg-query -W -f '${Package}\n' | sort) | grep -v '^latent-explorer$' | tr '\n' ' ')
check "nothing else had to be installed (${added:-none})" test -z "$added"
menu=/usr/share/applications/latent-explorer.desktop
check "menu entry $menu" test -f "$menu"
check "the menu entry opens model files" grep -q '^MimeType=application/x-latent-explorer-model' "$menu"
check "depends on libgtk-3-0" sh -c "dpkg -s latent-explorer | grep -q '^Depends:.*libgtk-3-0'"
check "*.lvae is application/x-latent-explorer-model" \
  grep -q 'application/x-latent-explorer-model:\*\.lvae' /usr/share/mime/globs2
if command -v update-desktop-database > /dev/null; then
  check "the desktop's cache knows the menu entry opens them" \
    grep -q 'application/x-latent-explorer-model=latent-explorer.desktop' /usr/share/applications/mimeinfo.cache
fi
exec_line=$(sed -n 's/^Exec=//p' "$menu" | head -1)
echo "      Exec=$exec_line"
install_dir=$(dirname "$(dirname "$(echo "$exec_line" | cut -d' ' -f1)")")
check "the classes of the start are archived for this machine (class data sharing)" \
  test -s "$install_dir/lib/app/latent-explorer.jsa"
snapshot() { find "$install_dir" -printf '%p %s %T@ %m\n' | sort; }
snapshot > "$work/install-before.txt"

# ------------------------------------------------------------------ start
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp > /dev/null 2>&1 &
xvfb=$!
for _ in $(seq 50); do [ -e /tmp/.X11-unix/X94 ] && break; sleep 0.1; done

# start FILE-OR-EMPTY: runs the menu entry's command as nobody; prints ms from exec to first grid, and the model shown
start() {
  local file=$1 log=$work/start.log part
  local -a parts cmd=()
  # The desktop entry's field code %f becomes the file as one argument, or nothing.
  read -ra parts <<< "$exec_line"
  for part in "${parts[@]}"; do
    if [ "$part" = %f ]; then [ -z "$file" ] || cmd+=("$file"); else cmd+=("$part"); fi
  done
  : > "$log"
  local t0
  t0=$(date +%s%3N)
  runuser -u nobody -- env -i PATH=/usr/bin:/bin HOME="$home" DISPLAY="$display" LANG=C.UTF-8 \
    LATENT_EXPLORER_REPORT_START=1 JAVA_TOOL_OPTIONS="-Duser.home=$home" "${cmd[@]}" > "$log" 2>&1 &
  app=$!
  local line=""
  for _ in $(seq 600); do
    line=$(grep -m1 '^first-grid-drawn' "$log")
    [ -n "$line" ] && break
    kill -0 "$app" 2>/dev/null || break
    sleep 0.05
  done
  if [ -z "$line" ]; then
    echo "none"; cat "$log" >&2
  else
    local t1 model
    t1=$(echo "$line" | sed 's/.*epoch_ms=\([0-9]*\).*/\1/')
    model=$(echo "$line" | sed 's/.*model=//')
    sleep 0.5
    DISPLAY=$display import -window root "$out/install-check.png" 2>/dev/null
    echo "$((t1 - t0)) $model"
  fi
  kill "$app" 2>/dev/null
  wait "$app" 2>/dev/null
  app=""
}

starts=()
for i in $(seq 0 "$runs"); do
  r=$(start "")
  ms=${r%% *}
  starts+=("$ms")
  echo "      start $((i + 1)) ($([ "$i" = 0 ] && echo first || echo later)): ${ms} ms to the first grid, model ${r#* }"
done
check "the first start shows a grid" test "${starts[0]}" != none
check "the first start takes at most 3 s" test "${starts[0]}" != none -a "${starts[0]:-99999}" -le 3000

model=$work/my\ model.lvae
cp "$install_dir/lib/app/models/fashion-mnist-vae.lvae" "$model"
chown nobody:nogroup "$model"
opened=$(start "$model")
echo "      double-click on '$model': ${opened%% *} ms, model ${opened#* }"
check "a model file given to the menu entry opens" test "${opened#* }" = "my model.lvae"

snapshot > "$work/install-after.txt"
check "nothing written into $install_dir" diff -q "$work/install-before.txt" "$work/install-after.txt"
echo "      written into the home folder:"
(cd "$home" && find . -mindepth 1 -maxdepth 4 -printf '        %p %s\n' | sort)
home_mb=$(du -sm "$home" | cut -f1)

# ------------------------------------------------------------------ uninstall
DEBIAN_FRONTEND=noninteractive apt-get purge -y -q latent-explorer > "$work/remove.log" 2>&1
check "the package is removed" sh -c '! dpkg -s latent-explorer'
check "$install_dir is gone" test ! -e "$install_dir"
check "the menu entry is gone" test ! -e "$menu"
check "the file type is gone" sh -c '! grep -q x-latent-explorer-model /usr/share/mime/globs2'
check "no menu entry opens it" sh -c '! grep -qs x-latent-explorer-model /usr/share/applications/mimeinfo.cache'
left=$(find /usr/share /etc /opt /var/lib/dpkg/info -name '*latent-explorer*' 2>/dev/null | tr '\n' ' ')
check "no file of the package left (${left:-none})" test -z "$left"
echo "      left in the home folder (the user's own files, and caches): $home_mb MB"
(cd "$home" && find . -mindepth 1 -maxdepth 3 -type d -printf '        %p\n' | sort)

deb_mb=$(du -m "$deb" | cut -f1)
jq_starts=$(printf '%s,' "${starts[@]}"); jq_starts=${jq_starts%,}
# printf repeats its format once even for no arguments: no failures must be [], not [""].
jq_failures=""
[ ${#failures[@]} -eq 0 ] || { jq_failures=$(printf '"%s",' "${failures[@]}"); jq_failures=${jq_failures%,}; }
cat > "$out/install-check.json" <<EOF
{"deb": "$(basename "$deb")", "deb_bytes": $(stat -c %s "$deb"),
 "start_ms": [${jq_starts//none/null}], "first_start_ms": ${starts[0]//none/null},
 "double_click": "${opened#* }", "home_mb_after_starts": $home_mb,
 "failures": [$jq_failures]}
EOF
echo "bench/out/install-check.json: $(cat "$out/install-check.json" | tr -d '\n')"
if [ ${#failures[@]} -gt 0 ]; then
  echo "${#failures[@]} check(s) failed" >&2
  exit 1
fi
echo "all checks passed"
