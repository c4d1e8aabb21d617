# Shared by scripts that run a server in the background with a pid file
# (temporal-dev.sh, laurel-app.sh). Source it; it defines functions only.

# Prints the pid in $1 if that process is alive and its command line matches
# the pattern $2: a stale file whose pid was reused by something else must not be killed.
background_live_pid() {
  local pidfile="$1" pattern="$2" pid
  [[ -f "$pidfile" ]] || return 1
  pid="$(cat "$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  ps -p "$pid" -o args= 2>/dev/null | grep -q -- "$pattern" || return 1
  echo "$pid"
}

# Stops the process in pid file $1 (matching pattern $2) with SIGTERM, then
# SIGKILL after 30 s; $3 names it in messages.
background_stop() {
  local pidfile="$1" pattern="$2" name="$3" pid
  if ! pid="$(background_live_pid "$pidfile" "$pattern")"; then
    rm -f "$pidfile"
    echo "$name not running (no live pid in $pidfile)"
    return
  fi
  kill -TERM "$pid"
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      echo "pid $pid ignored SIGTERM for 30s; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
  echo "$name stopped (pid $pid)"
}
