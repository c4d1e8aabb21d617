#!/usr/bin/env bash
# The whole local stack: `make up`, `make down`, `make reset`.
# up:    Temporal dev server (UI), the all-in-one Laurel process on the embedded
#        store, the demo data (through the public API), then the URLs and logins.
# down:  stops what `up` started, by pid, nothing else.
# reset: down, then deletes the data folder.
# Settings: LAUREL_DATA_DIR (.data), API_PORT (3000), TEMPORAL_PORT (7233),
# TEMPORAL_UI_PORT (8233), WORKER_METRICS_PORT (9464), LAUREL_DEMO_PASSWORD,
# LAUREL_DEMO_FAST_PROVINCES (ha-tinh), LAUREL_SKIP_DEMO=1 to start without demo data.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export LAUREL_DATA_DIR="${LAUREL_DATA_DIR:-$root/.data}"
export API_PORT="${API_PORT:-3000}"
export TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
export TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
export WORKER_METRICS_PORT="${WORKER_METRICS_PORT:-9464}"
# Hà Tĩnh's block runs on a demo clock (deadlines in minutes) so that reminders,
# counted votes, escalations and expiries show up soon after start.
export LAUREL_DEMO_FAST_PROVINCES="${LAUREL_DEMO_FAST_PROVINCES-ha-tinh}"
export LAUREL_DEMO_PASSWORD="${LAUREL_DEMO_PASSWORD:-laurel-demo}"
# The UI reads the worker's encrypted payloads through the API's codec endpoint.
export TEMPORAL_UI_CODEC_ENDPOINT="${TEMPORAL_UI_CODEC_ENDPOINT-http://127.0.0.1:$API_PORT/codec}"
export TEMPORAL_UI_CODEC_ORIGINS="${TEMPORAL_UI_CODEC_ORIGINS-http://127.0.0.1:$TEMPORAL_UI_PORT,http://localhost:$TEMPORAL_UI_PORT}"
# The overview links each nomination to its workflow in this UI.
export TEMPORAL_UI_URL="${TEMPORAL_UI_URL-http://127.0.0.1:$TEMPORAL_UI_PORT}"
api="http://127.0.0.1:$API_PORT"

up() {
  "$root/scripts/temporal-dev.sh" start
  "$root/scripts/laurel-app.sh" start
  if [[ "${LAUREL_SKIP_DEMO:-}" != 1 ]]; then
    (cd "$root" && npx --no-install tsx scripts/demo-data.ts --url "$api" --lists)
  fi
  cat <<TXT

Laurel is up.
  Web app        $api/app/  (sign in with a demo login below; Vietnamese, English one click away)
  API            $api        (OpenAPI: $api/docs, health: $api/health, metrics: $api/metrics)
  Temporal UI    http://127.0.0.1:$TEMPORAL_UI_PORT  (filter: NominationStage="BlockVote")
  Worker metrics http://127.0.0.1:$WORKER_METRICS_PORT/metrics
  Data folder    $LAUREL_DATA_DIR (logs: laurel.log, temporal.log)

Demo logins (password: $LAUREL_DEMO_PASSWORD)
  nt-officer-party-office   unit officer, Văn phòng Tỉnh ủy Ninh Thuận
  nt-head-newspaper         unit head, Báo Ninh Thuận (votes in the Party agencies block)
  nt-leader-party-agencies  block leader, Party agencies block
  nt-board-officer          board officer, Ninh Thuận
  nt-council-home-affairs   council member, Ninh Thuận
  nt-chairman               chairman, Ninh Thuận
  nt-auditor                auditor, Ninh Thuận
  admin                     admin

First thing to try: what waits for the newspaper's head?
  TOKEN=\$(curl -s -X POST $api/auth/token -H 'content-type: application/json' \\
    -d '{"username":"nt-head-newspaper","password":"$LAUREL_DEMO_PASSWORD"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
  curl -s $api/tasks -H "authorization: Bearer \$TOKEN"
Stop with 'make down'; wipe the data with 'make reset'.
TXT
}

down() {
  "$root/scripts/laurel-app.sh" stop
  "$root/scripts/temporal-dev.sh" stop
}

reset() {
  down
  rm -rf "$LAUREL_DATA_DIR"
  echo "Deleted $LAUREL_DATA_DIR"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  reset) reset ;;
  *)
    echo "usage: $0 up|down|reset" >&2
    exit 2
    ;;
esac
