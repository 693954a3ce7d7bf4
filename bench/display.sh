# Sourced by scripts that need a display: `need_display N` keeps DISPLAY when it is set, and
# otherwise starts Xvfb on :N (1280 x 800) and exports DISPLAY=:N; its process id is in $xvfb
# (empty when none was started), for the caller's cleanup to stop.
xvfb=""
need_display() {
  local n=$1
  [ -z "${DISPLAY:-}" ] || return 0
  command -v Xvfb >/dev/null || { echo "DISPLAY is not set and Xvfb is not installed (apt-get install xvfb)" >&2; exit 1; }
  [ ! -e "/tmp/.X11-unix/X$n" ] || { echo "display :$n is taken; set DISPLAY to a running X server" >&2; exit 1; }
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  export DISPLAY=":$n"
  for _ in $(seq 50); do
    [ -e "/tmp/.X11-unix/X$n" ] && break
    sleep 0.1
  done
  kill -0 "$xvfb" 2>/dev/null || { echo "Xvfb did not start on :$n (is another server using it?)" >&2; exit 1; }
}
