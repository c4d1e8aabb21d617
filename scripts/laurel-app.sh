#!/usr/bin/env bash
# Runs the all-in-one Laurel process (API + worker + projections on the embedded
# store) from the compiled build in dist/, in the background.
# Usage: scripts/laurel-app.sh start|stop|status
# Settings: LAUREL_DATA_DIR (.data), API_PORT (3000), TEMPORAL_PORT (7233), and any
# setting of the README's configuration table, passed through to the process.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/background.sh
source "$root/scripts/lib/background.sh"
data="${LAUREL_DATA_DIR:-$root/.data}"
api_port="${API_PORT:-3000}"
pidfile="$data/laurel.pid"
logfile="$data/laurel.log"
entry="$root/dist/apps/all-in-one/src/main.js"
start_timeout_s=120

live_pid() {
  background_live_pid "$pidfile" 'all-in-one/src/main.js'
}

ready() {
  curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:$api_port/health" 2>/dev/null
}

start() {
  if [[ ! -f "$entry" ]]; then
    echo "$entry is missing: run 'make build' first" >&2
    exit 1
  fi
  mkdir -p "$data"
  local pid
  if pid="$(live_pid)"; then
    echo "Laurel already running (pid $pid) on http://127.0.0.1:$api_port"
    return
  fi
  set -m
  LAUREL_DATA_DIR="$data" API_PORT="$api_port" \
    TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:${TEMPORAL_PORT:-7233}}" \
    nohup node -r "$root/scripts/register-dist-paths.cjs" "$entry" >>"$logfile" 2>&1 </dev/null &
  pid=$!
  set +m
  echo "$pid" >"$pidfile"
  local deadline=$((SECONDS + start_timeout_s))
  until ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Laurel exited during start-up; last lines of $logfile:" >&2
      tail -n 30 "$logfile" >&2 || true
      rm -f "$pidfile"
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "Laurel (pid $pid) not ready on :$api_port within ${start_timeout_s}s; see $logfile" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "Laurel running (pid $pid) on http://127.0.0.1:$api_port, log $logfile"
}

stop() {
  background_stop "$pidfile" 'all-in-one/src/main.js' 'Laurel'
}

status() {
  local pid
  if pid="$(live_pid)"; then
    if ready; then
      echo "running (pid $pid) on http://127.0.0.1:$api_port"
      return 0
    fi
    echo "pid $pid alive but not ready on :$api_port (see $logfile)"
    return 1
  fi
  echo "not running"
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
