#!/usr/bin/env bash
# Runs a local Temporal dev server (SQLite file + web UI) in the background.
# Usage: scripts/temporal-dev.sh start|stop|status
# Settings: LAUREL_DATA_DIR (default .data), TEMPORAL_PORT (7233), TEMPORAL_UI_PORT (8233),
# TEMPORAL_UI_CODEC_ENDPOINT (the UI decrypts payloads through it; unset: no codec).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/background.sh
source "$root/scripts/lib/background.sh"
data="${LAUREL_DATA_DIR:-$root/.data}"
ip=127.0.0.1
port="${TEMPORAL_PORT:-7233}"
ui_port="${TEMPORAL_UI_PORT:-8233}"
address="$ip:$port"
pidfile="$data/temporal.pid"
logfile="$data/temporal.log"
start_timeout_s=60

cli() {
  "$root/scripts/temporal-paths.sh" cli
}

healthy() {
  "$temporal" operator cluster health --address "$address" --command-timeout 5s >/dev/null 2>&1
}

live_pid() {
  background_live_pid "$pidfile" 'server start-dev'
}

wait_healthy() {
  local pid="$1" deadline=$((SECONDS + start_timeout_s))
  until healthy; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Temporal dev server exited during start-up; last lines of $logfile:" >&2
      tail -n 20 "$logfile" >&2 || true
      rm -f "$pidfile"
      return 2
    fi
    if ((SECONDS >= deadline)); then
      echo "Temporal dev server (pid $pid) did not answer at $address within ${start_timeout_s}s; see $logfile" >&2
      return 1
    fi
    sleep 0.5
  done
}

start() {
  temporal="$(cli)"
  mkdir -p "$data"
  local pid
  if pid="$(live_pid)"; then
    wait_healthy "$pid"
    echo "Temporal dev server already running (pid $pid) at $address, UI http://$ip:$ui_port"
    return
  fi
  rm -f "$pidfile"
  if healthy; then
    echo "A Temporal server not started by this script already answers at $address; using it." >&2
    echo "('stop' will not touch it. Set TEMPORAL_PORT to run a separate one.)" >&2
    return
  fi

  # The dev server picks its internal services' ports itself, and another process can take
  # one between its pick and its bind ("address already in use"): a start that exits early
  # is tried again, at most three times in all.
  local attempt status
  for attempt in 1 2 3; do
    launch
    status=0
    wait_healthy "$pid" || status=$?
    if ((status == 0)); then
      echo "Temporal dev server running (pid $pid) at $address, UI http://$ip:$ui_port, data in $data"
      return
    fi
    if ((status != 2)) || ! tail -n 40 "$logfile" | grep -q 'address already in use' \
      || tail -n 40 "$logfile" | grep -q "can't set frontend port"; then
      return "$status"
    fi
    echo "Temporal dev server start $attempt of 3 lost a port to another process; trying again." >&2
  done
  return 1
}

# Starts the server in the background; sets pid.
launch() {
  # Job control puts the server in its own process group, so a Ctrl-C in the
  # terminal that ran `make temporal-up` does not reach it later.
  set -m
  nohup "$temporal" server start-dev \
    --db-filename "$data/temporal.db" \
    --ip "$ip" \
    --port "$port" \
    --ui-port "$ui_port" \
    --namespace default \
    --search-attribute NominationStage=Keyword \
    --search-attribute EmulationBlock=Keyword \
    --search-attribute ProposingUnit=Keyword \
    --search-attribute AwardType=Keyword \
    --search-attribute CampaignYear=Int \
    --search-attribute StageDeadline=Datetime \
    --search-attribute NominationTitle=Keyword \
    ${TEMPORAL_UI_CODEC_ENDPOINT:+--ui-codec-endpoint "$TEMPORAL_UI_CODEC_ENDPOINT"} \
    --log-level warn \
    >>"$logfile" 2>&1 </dev/null &
  pid=$!
  set +m
  echo "$pid" >"$pidfile"
}

stop() {
  background_stop "$pidfile" 'server start-dev' 'Temporal dev server'
}

status() {
  temporal="$(cli)"
  local pid
  if pid="$(live_pid)"; then
    if healthy; then
      echo "running (pid $pid) at $address, UI http://$ip:$ui_port, data in $data"
      return 0
    fi
    echo "pid $pid alive but not answering at $address (starting, or stuck: see $logfile)"
    return 1
  fi
  if healthy; then
    echo "not started here, but a Temporal server answers at $address"
    return 0
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
